package org.greendl.cli;

import picocli.CommandLine.Option;

/** Mix into every command: {@code --verbose} shows stack traces on failure (see {@link Cli}). */
public final class VerboseOption {
    @Option(names = "--verbose", description = "Print the stack trace of a failure.")
    public boolean verbose;
}
