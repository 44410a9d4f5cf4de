package org.greendl.cli;

import org.greendl.meter.carbon.UnknownPlaceException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds the picocli command line with greendl's error policy: bad usage exits 2 (picocli's, and any bad option
 * value found later, such as an unknown country), a failure prints one line on stderr and exits 1, and a stack
 * trace appears only with {@code --verbose}. A usage error prints one line and where to read more, never the
 * whole usage; every command takes {@code -h}/{@code --help}.
 */
public final class Cli {
    private Cli() {}

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : Subcommands.all()) {
            cl.addSubcommand(sub);
        }
        addHelp(cl);
        cl.setExecutionExceptionHandler(Cli::handleFailure);
        cl.setParameterExceptionHandler(Cli::handleUsage);
        return cl;
    }

    /** {@code -h/--help} on every command that does not declare it already. */
    private static void addHelp(CommandLine cl) {
        CommandSpec spec = cl.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addMixin("help", CommandSpec.forAnnotatedObject(new HelpOption()));
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            addHelp(sub);
        }
    }

    /** The mixin behind {@link #addHelp}. */
    static final class HelpOption {
        @CommandLine.Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;
    }

    private static int handleUsage(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cl.getErr().println("greendl: " + Messages.oneLine(msg));
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            cl.getErr().println("Did you mean: " + String.join(", ", u.getSuggestions()) + "?");
        }
        cl.getErr().println("See '" + cl.getCommandSpec().qualifiedName() + " --help'.");
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int handleFailure(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed != null && hasVerbose(parsed);
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        cl.getErr().println("greendl: " + Messages.oneLine(msg));
        if (verbose) {
            e.printStackTrace(cl.getErr());
        }
        return isUsage(e) ? 2 : 1;
    }

    /** A bad option value, wherever it was found: exit 2, like picocli's own usage errors. */
    static boolean isUsage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UsageFailure || t instanceof UnknownPlaceException) {
                return true;
            }
        }
        return false;
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
