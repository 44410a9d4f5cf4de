package org.greendl.compress.pipeline;

import java.nio.file.Path;
import org.greendl.meter.TrackerConfig;
import org.greendl.train.ProgressMode;

/**
 * What every compression job shares, as the compression commands set it: where the new model goes, the data
 * (Fashion-MNIST), the batch and seed of fine-tuning, the meter and the progress display.
 *
 * @param out folder for the new model and its run.json
 * @param dataDir where Fashion-MNIST is, or null for the usual places
 * @param limit train on the first N training images only, or null for all
 * @param testLimit evaluate on the first N test images only, or null for all
 * @param meter the meter's settings; each job sets its output folder and project name
 */
public record CompressionSettings(Path out, Path dataDir, Integer limit, Integer testLimit, int batch, long seed,
                                  TrackerConfig meter, ProgressMode progress) {
    public CompressionSettings {
        if (out == null) {
            throw new IllegalArgumentException("a compression job needs an output folder");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
    }

    /** Batch 64, seed 42, all the data from the usual places, the default meter, progress as the console suits. */
    public static CompressionSettings defaults(Path out) {
        return new CompressionSettings(out, null, null, null, 64, 42, TrackerConfig.defaults(), ProgressMode.AUTO);
    }

    public CompressionSettings withDataDir(Path dir) {
        return new CompressionSettings(out, dir, limit, testLimit, batch, seed, meter, progress);
    }

    public CompressionSettings withLimits(Integer train, Integer test) {
        return new CompressionSettings(out, dataDir, train, test, batch, seed, meter, progress);
    }

    public CompressionSettings withBatch(int b) {
        return new CompressionSettings(out, dataDir, limit, testLimit, b, seed, meter, progress);
    }

    public CompressionSettings withSeed(long s) {
        return new CompressionSettings(out, dataDir, limit, testLimit, batch, s, meter, progress);
    }

    public CompressionSettings withMeter(TrackerConfig m) {
        return new CompressionSettings(out, dataDir, limit, testLimit, batch, seed, m, progress);
    }

    public CompressionSettings withProgress(ProgressMode p) {
        return new CompressionSettings(out, dataDir, limit, testLimit, batch, seed, meter, p);
    }
}
