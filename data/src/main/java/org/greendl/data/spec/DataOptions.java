package org.greendl.data.spec;

import java.nio.file.Path;
import org.greendl.data.text.TextOptions;

/**
 * How to load a user's dataset; every setting has a default, so {@link #defaults()} fits most data.
 *
 * @param dataDir where {@code fashion-mnist} is looked for first (null: the usual places)
 * @param seed seeds the test split (stratified by class) and the training shuffle
 * @param testFraction share of each class held out for testing when the data has no test split, in (0, 1)
 * @param channels 1 (gray), 3 (RGB) or null (auto: what the images are; mixed gray and RGB is an error)
 * @param imageSize size images are resized to (null: the images' own, which must then agree)
 * @param labelColumn CSV label column, by header name or 0-based index (null: the last column)
 * @param skipRows CSV lines skipped before the data or header (e.g. 1 for scikit-learn's summary line)
 * @param normalize "MEAN,STD", per-channel "M1,..,MC,S1,..,SC", "none", or null (computed on the training split)
 * @param cacheDir where decoded folder images are cached (null: a {@code .greendl-cache} folder beside the data)
 * @param batchSize batch size of both splits
 * @param text how {@code text:FILE} is read and tokenized (null: {@link TextOptions#defaults()})
 */
public record DataOptions(Path dataDir, long seed, double testFraction, Integer channels, ImageSize imageSize,
        String labelColumn, int skipRows, String normalize, Path cacheDir, int batchSize, TextOptions text) {
    public DataOptions {
        if (text == null) {
            text = TextOptions.defaults();
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in (0, 1), got " + testFraction);
        }
        if (channels != null && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1, 3 or auto, got " + channels);
        }
        if (skipRows < 0) {
            throw new IllegalArgumentException("skip rows must be >= 0, got " + skipRows);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
    }

    /** Seed 42, 20% test, channels and size from the images, last CSV column, computed normalization, batch 64. */
    public static DataOptions defaults() {
        return new DataOptions(null, 42, 0.2, null, null, null, 0, null, null, 64, null);
    }

    public DataOptions withDataDir(Path dir) {
        return new DataOptions(dir, seed, testFraction, channels, imageSize, labelColumn, skipRows, normalize,
                cacheDir, batchSize, text);
    }

    public DataOptions withSeed(long s) {
        return new DataOptions(dataDir, s, testFraction, channels, imageSize, labelColumn, skipRows, normalize,
                cacheDir, batchSize, text);
    }

    public DataOptions withTestFraction(double f) {
        return new DataOptions(dataDir, seed, f, channels, imageSize, labelColumn, skipRows, normalize, cacheDir,
                batchSize, text);
    }

    /** {@code "1"}, {@code "3"} or {@code "auto"}. */
    public DataOptions withChannels(String setting) {
        Integer c;
        if (setting == null || "auto".equalsIgnoreCase(setting.trim())) {
            c = null;
        } else {
            try {
                c = Integer.valueOf(setting.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("channels must be 1, 3 or auto, got '" + setting + "'");
            }
        }
        return new DataOptions(dataDir, seed, testFraction, c, imageSize, labelColumn, skipRows, normalize, cacheDir,
                batchSize, text);
    }

    public DataOptions withImageSize(ImageSize size) {
        return new DataOptions(dataDir, seed, testFraction, channels, size, labelColumn, skipRows, normalize,
                cacheDir, batchSize, text);
    }

    public DataOptions withLabelColumn(String column) {
        return new DataOptions(dataDir, seed, testFraction, channels, imageSize, column, skipRows, normalize,
                cacheDir, batchSize, text);
    }

    public DataOptions withSkipRows(int rows) {
        return new DataOptions(dataDir, seed, testFraction, channels, imageSize, labelColumn, rows, normalize,
                cacheDir, batchSize, text);
    }

    public DataOptions withNormalize(String setting) {
        return new DataOptions(dataDir, seed, testFraction, channels, imageSize, labelColumn, skipRows, setting,
                cacheDir, batchSize, text);
    }

    public DataOptions withCacheDir(Path dir) {
        return new DataOptions(dataDir, seed, testFraction, channels, imageSize, labelColumn, skipRows, normalize,
                dir, batchSize, text);
    }

    public DataOptions withBatchSize(int b) {
        return new DataOptions(dataDir, seed, testFraction, channels, imageSize, labelColumn, skipRows, normalize,
                cacheDir, b, text);
    }

    public DataOptions withText(TextOptions t) {
        return new DataOptions(dataDir, seed, testFraction, channels, imageSize, labelColumn, skipRows, normalize,
                cacheDir, batchSize, t);
    }
}
