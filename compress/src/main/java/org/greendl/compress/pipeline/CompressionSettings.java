package org.greendl.compress.pipeline;

import java.nio.file.Path;
import org.greendl.data.spec.DataRequest;
import org.greendl.meter.TrackerConfig;
import org.greendl.train.ProgressMode;

/**
 * What every compression job shares, as the compression commands set it: where the new model goes, the data,
 * the batch and seed of fine-tuning, the meter and the progress display.
 *
 * @param out folder for the new model and its run.json
 * @param data the data to fine-tune and evaluate on, or null for the data recorded with the source model
 *     (which other data must match in input shape and classes)
 * @param limit train on the first N training examples only, or null for all
 * @param testLimit evaluate on the first N test examples only, or null for all
 * @param meter the meter's settings; each job sets its output folder and project name
 */
public record CompressionSettings(Path out, DataRequest data, Integer limit, Integer testLimit, int batch, long seed,
                                  TrackerConfig meter, ProgressMode progress) {
    public CompressionSettings {
        if (out == null) {
            throw new IllegalArgumentException("a compression job needs an output folder");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
    }

    /** Batch 64, seed 42, the source model's own data, the default meter, progress as the console suits. */
    public static CompressionSettings defaults(Path out) {
        return new CompressionSettings(out, null, null, null, 64, 42, TrackerConfig.defaults(), ProgressMode.AUTO);
    }

    /** Data other than the source model's recorded data (null: the recorded data). */
    public CompressionSettings withData(DataRequest d) {
        return new CompressionSettings(out, d, limit, testLimit, batch, seed, meter, progress);
    }

    /** Fashion-MNIST from {@code dir} (null: the usual places). */
    public CompressionSettings withDataDir(Path dir) {
        return withData(DataRequest.fashionMnist(dir));
    }

    public CompressionSettings withLimits(Integer train, Integer test) {
        return new CompressionSettings(out, data, train, test, batch, seed, meter, progress);
    }

    public CompressionSettings withBatch(int b) {
        return new CompressionSettings(out, data, limit, testLimit, b, seed, meter, progress);
    }

    public CompressionSettings withSeed(long s) {
        return new CompressionSettings(out, data, limit, testLimit, batch, s, meter, progress);
    }

    public CompressionSettings withMeter(TrackerConfig m) {
        return new CompressionSettings(out, data, limit, testLimit, batch, seed, m, progress);
    }

    public CompressionSettings withProgress(ProgressMode p) {
        return new CompressionSettings(out, data, limit, testLimit, batch, seed, meter, p);
    }
}
