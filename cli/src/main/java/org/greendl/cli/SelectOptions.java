package org.greendl.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every data-selection command shares (active-learn, prune-data, curriculum, transfer). */
public final class SelectOptions {
    @Option(names = "--model", defaultValue = "cnn", description = "Zoo model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding Fashion-MNIST.")
    Path data;
}
