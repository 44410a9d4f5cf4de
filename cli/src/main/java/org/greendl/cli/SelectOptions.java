package org.greendl.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every data-selection command shares (active-learn, prune-data, curriculum, transfer). */
public final class SelectOptions {
    @Option(names = "--model", defaultValue = "cnn", description = "Zoo model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--batch", defaultValue = "64", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin SeedOption seedOption;
    @Mixin DataOptions data;
    @Mixin TestLimitOption testLimit;
    @Mixin ThreadsOption threads;
    @Mixin MeterOptions meter;

    /** The run's seed. */
    long seed() {
        return seedOption.value();
    }
}
