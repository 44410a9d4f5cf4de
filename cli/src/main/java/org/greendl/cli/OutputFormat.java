package org.greendl.cli;

/** The {@code --format} values shared by commands that print results. */
final class OutputFormat {
    private OutputFormat() {}

    static boolean isJson(String format) {
        return switch (format) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new Cli.UsageFailure("unknown --format '" + format + "' (expected text or json)");
        };
    }
}
