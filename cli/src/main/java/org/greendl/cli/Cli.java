package org.greendl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.greendl.meter.BadSettingException;
import org.greendl.meter.carbon.UnknownPlaceException;
import org.greendl.meter.io.FolderLock;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Builds the picocli command line with greendl's error policy: bad usage exits 2 (picocli's, and any bad option
 * value found later, such as an unknown country), a failure prints one line on stderr and exits 1, and a stack
 * trace appears only with {@code --verbose}. A usage error prints one line and where to read more, never the
 * whole usage; every command takes {@code -h}/{@code --help}. A command that writes a run folder runs holding
 * that folder's lock ({@link FolderLock}): a second run into a busy folder exits 1 naming the holder.
 */
public final class Cli {
    /** Commands whose {@code --out} is their run folder, for those that do not say so through {@link RunFolderCommand}. */
    private static final Set<String> OUT_IS_RUN_FOLDER = Set.of("bench", "prune", "distill", "factorize", "qat");

    private Cli() {}

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        for (Object sub : Subcommands.all()) {
            cl.addSubcommand(sub);
        }
        addHelp(cl);
        cl.setExecutionExceptionHandler(Cli::handleFailure);
        cl.setExecutionStrategy(Cli::executeLocked);
        cl.setParameterExceptionHandler(Cli::handleUsage);
        return cl;
    }

    private static int executeLocked(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult leaf = parsed;
        boolean help = false;
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            help |= p.isUsageHelpRequested() || p.isVersionHelpRequested();
            leaf = p;
        }
        Path folder = help ? null : runFolder(leaf);
        if (folder == null) {
            return new CommandLine.RunLast().execute(parsed);
        }
        FolderLock lock;
        try {
            lock = FolderLock.acquire(folder, "greendl " + String.join(" ", parsed.originalArgs()));
        } catch (IOException e) {
            throw new CommandLine.ExecutionException(leaf.commandSpec().commandLine(), e.getMessage(), e);
        }
        if (lock.notLocked() != null) {
            System.err.println("greendl: " + folder + ": cannot lock this folder (" + lock.notLocked()
                    + "); running without the lock");
        } else if (lock.tookOverFrom() != null) {
            System.err.println("greendl: " + folder + ": taking over the lock left by " + lock.tookOverFrom()
                    + ", which ended without releasing it");
        }
        try {
            return new CommandLine.RunLast().execute(parsed);
        } finally {
            try {
                lock.close();
            } catch (IOException e) {
                // the OS releases the lock when this process ends anyway
            }
        }
    }

    private static Path runFolder(CommandLine.ParseResult leaf) {
        Object command = leaf.commandSpec().userObject();
        if (command instanceof RunFolderCommand r) {
            return r.runFolder();
        }
        if (OUT_IS_RUN_FOLDER.contains(leaf.commandSpec().name())) {
            CommandLine.Model.OptionSpec out = leaf.commandSpec().findOption("--out");
            return out == null ? null : out.getValue();
        }
        return null;
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
            if (t instanceof UsageFailure || t instanceof UnknownPlaceException || t instanceof BadSettingException) {
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
    /**
     * {@code build}'s value; the IllegalArgumentException a library throws for a bad setting becomes bad usage
     * (exit 2, its one line), which every command would otherwise write out as a try/catch of its own.
     */
    public static <T> T usage(java.util.function.Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new UsageFailure(e.getMessage());
        }
    }

    public static final class UsageFailure extends RuntimeException {
        public UsageFailure(String message) {
            super(message);
        }
    }
}
