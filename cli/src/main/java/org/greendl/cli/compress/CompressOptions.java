package org.greendl.cli.compress;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every compression verb shares: where the data is, how to fine-tune, how to meter, where to write. */
public final class CompressOptions {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the new model and its run.json.")
    Path out;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder holding the Fashion-MNIST files.")
    Path data;

    @Option(names = "--limit", paramLabel = "N", description = "Use only N training images (quick runs).")
    Integer limit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Evaluate on the first N test images only.")
    Integer testLimit;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Engine threads (default: as ./greendl sets).")
    Integer threads;

    @Option(names = "--country", paramLabel = "ISO3", description = "Country for the carbon intensity (e.g. FRA).")
    String country;

    @Option(names = "--cpu-tdp", paramLabel = "WATTS", description = "CPU power for the estimate when RAPL is unavailable.")
    Double cpuTdp;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|lines|none",
            description = "Progress on stderr (default: ${DEFAULT-VALUE}).")
    String progress;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Print the run record as JSON.")
    String format;
}
