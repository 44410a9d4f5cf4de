package org.greendl.cli;

import picocli.CommandLine.Option;

/** {@code --threads}: the PyTorch engine's intra-op threads, fixed before the engine loads. */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "Engine threads (default: as ./greendl sets, else all cores).")
    Integer threads;

    /** Validates the value and hands it to the engine (read once, when PyTorch loads in this process). */
    public void apply() {
        if (threads == null) {
            return;
        }
        if (threads < 1) {
            throw new Cli.UsageFailure("--threads must be >= 1, got " + threads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    }

    /** The value given, or null. */
    public Integer value() {
        return threads;
    }
}
