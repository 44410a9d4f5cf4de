package org.greendl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data}: where the dataset is; shared by every command that reads data. */
public final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder holding the dataset files (else $GREENDL_DATA, then the usual places).")
    Path dir;

    /** The folder given, or null for the usual places. */
    public Path dir() {
        return dir;
    }
}
