package org.greendl.cli;

import picocli.CommandLine;

/**
 * Builds the picocli command line with greendl's error policy: bad usage exits 2 (picocli's), a failure
 * prints one line on stderr and exits 1, and a stack trace appears only with {@code --verbose}.
 */
public final class Cli {
    private Cli() {}

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : Subcommands.all()) {
            cl.addSubcommand(sub);
        }
        cl.setExecutionExceptionHandler(Cli::handleFailure);
        return cl;
    }

    private static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed != null && hasVerbose(parsed);
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cl.getErr().println("greendl: " + msg.lines().findFirst().orElse(msg));
        if (verbose) {
            e.printStackTrace(cl.getErr());
        }
        return e instanceof UsageFailure ? 2 : 1;
    }

    private static boolean hasVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** A failure caused by bad input that picocli could not see (exit code 2). */
    public static final class UsageFailure extends RuntimeException {
        public UsageFailure(String message) {
            super(message);
        }
    }
}
