package org.greendl.cli;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import org.greendl.select.ImageSet;
import org.greendl.select.active.ActiveLearning;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options every data-selection command shares (active-learn, prune-data, curriculum, transfer), and the steps
 * each of them opens with: the engine's threads, the data, the test and training ids, the meter.
 */
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

    /** Fixes the engine's threads (before it loads) and reads Fashion-MNIST from --data or the usual places. */
    ImageSet.Splits load() throws IOException {
        threads.apply();
        return ImageSet.fashionMnist(data.dir());
    }

    /** The first --test-limit of {@code ids}, all of them without one. */
    int[] firstTestIds(int[] ids) {
        int n = testLimit.raw();
        return n > 0 ? Arrays.copyOf(ids, Math.min(n, ids.length)) : ids;
    }

    /** A seeded random {@code limit} of the training images (0: all of them). */
    int[] trainIds(ImageSet train, int limit) {
        return ActiveLearning.pool(train.count(), limit, seed());
    }

    /** The meter of the run, as --tracking-mode, --country and --cpu-tdp say (process mode by default). */
    SelectMeter startMeter() {
        return SelectMeter.start(meter);
    }

    /** The start time in run ids. */
    static String stamp() {
        return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    }
}
