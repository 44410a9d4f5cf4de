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
        check("--threads", threads);
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
    }

    /**
     * Refuses a thread count below 1 or above {@link #maxThreads()}: more threads than that only add scheduling
     * and memory (100,000 engine threads start thousands of native threads and make no progress).
     */
    public static void check(String option, int n) {
        if (n < 1 || n > maxThreads()) {
            throw new Cli.UsageFailure(option + " must be in [1, " + maxThreads() + "] (up to 4 x the "
                    + Runtime.getRuntime().availableProcessors() + " logical CPUs), got " + n);
        }
    }

    /** 4 x the logical CPUs this JVM may use. */
    public static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    /** The value given, or null. */
    public Integer value() {
        return threads;
    }
}
