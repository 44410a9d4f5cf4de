package org.greendl.cli.compress;

import java.nio.file.Path;
import org.greendl.cli.DataOptions;
import org.greendl.cli.MeterOptions;
import org.greendl.cli.SeedOption;
import org.greendl.cli.TestLimitOption;
import org.greendl.cli.ThreadsOption;
import org.greendl.cli.TrainLimitOption;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every compression verb shares: where the data is, how to fine-tune, how to meter, where to write. */
public final class CompressOptions {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the new model and its run.json.")
    Path out;

    @Mixin DataOptions data;
    @Mixin TrainLimitOption trainLimit;
    @Mixin TestLimitOption testLimit;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin SeedOption seed;

    @Mixin ThreadsOption threads;
    @Mixin MeterOptions meter;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|lines|none",
            description = "Progress on stderr (default: ${DEFAULT-VALUE}).")
    String progress;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Print the run record as JSON.")
    String format;
}
