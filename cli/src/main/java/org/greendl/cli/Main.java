package org.greendl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code greendl} command: subcommands are registered here, one class each. */
@Command(
        name = "greendl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Green deep learning for the JVM: measure and cut the energy and carbon of neural networks.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ConsoleLogging.install();
        // Before any engine class loads: a damaged cached native library would crash the JVM, not fail.
        for (String line : PyTorchNativeCache.verify()) {
            System.err.println("greendl: " + line);
        }
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting (for tests). */
    public static int run(String... args) {
        return Cli.commandLine().execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
