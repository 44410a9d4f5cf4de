package org.greendl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data} and {@code --limit}: where the dataset is, and how much of its training split to use. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the dataset files.")
    Path dir;

    @Option(names = "--limit", paramLabel = "N", description = "Use only N training images (quick runs).")
    Integer limit;

    /** The folder given, or null for the usual places. */
    public Path dir() {
        return dir;
    }

    /** The training-image limit, or null for all. */
    public Integer limit() {
        if (limit != null && limit < 1) {
            throw new Cli.UsageFailure("--limit must be >= 1, got " + limit);
        }
        return limit;
    }
}
