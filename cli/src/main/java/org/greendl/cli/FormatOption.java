package org.greendl.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json} of the commands that print a result: json prints exactly one JSON document. */
public final class FormatOption {
    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json",
            description = "text, or json: one JSON document on stdout (default: ${DEFAULT-VALUE}).")
    String format;

    /** True for json, false for text (any case); anything else is a usage error. */
    public boolean json() {
        return OutputFormat.isJson(format);
    }
}
