package org.greendl.cli;

/** The {@code --format} values shared by commands that print results. */
public final class OutputFormat {
    private OutputFormat() {}

    /** True for json, false for text (any case); anything else is a usage error. */
    public static boolean isJson(String format) {
        return switch (format.toLowerCase(java.util.Locale.ROOT)) {
            case "json" -> true;
            case "text" -> false;
            default -> throw new Cli.UsageFailure("unknown format '" + format + "' (expected text or json)");
        };
    }
}
