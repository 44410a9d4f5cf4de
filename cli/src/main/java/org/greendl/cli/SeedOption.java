package org.greendl.cli;

import picocli.CommandLine.Option;

/** {@code --seed}: the one seed of a run (data order, initial weights, random choices). */
public final class SeedOption {
    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    public long value() {
        return seed;
    }
}
