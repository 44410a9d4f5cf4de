package org.greendl.data.spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.greendl.data.FashionMnist;
import org.greendl.data.FashionMnistOptions;
import org.greendl.data.FashionMnistSplits;
import org.greendl.data.ImageDataset;
import org.greendl.data.Seeds;
import org.greendl.data.augment.Augmentation;

/**
 * Data to load: a spec and the settings that read it. {@link #load} gives the data's own two splits;
 * {@link #splits} also holds out a validation share of the training split and applies limits, as training
 * and fine-tuning need. Fashion-MNIST goes through {@link FashionMnist#load}, so its splits are those every
 * earlier greendl run used.
 */
public record DataRequest(DataSpec spec, DataOptions options) {
    public DataRequest {
        if (spec == null || options == null) {
            throw new IllegalArgumentException("a data request needs a spec and options");
        }
    }

    /** Fashion-MNIST from {@code dataDirOrNull} (null: the usual places), default options. */
    public static DataRequest fashionMnist(Path dataDirOrNull) {
        return new DataRequest(DataSpec.parse(DataSpec.DEFAULT), DataOptions.defaults().withDataDir(dataDirOrNull));
    }

    /** {@code spec} with default options. */
    public static DataRequest of(String spec) {
        return new DataRequest(DataSpec.parse(spec), DataOptions.defaults());
    }

    public boolean isFashionMnist() {
        return spec.scheme() == DataSpec.Scheme.FASHION_MNIST;
    }

    public DataRequest withOptions(DataOptions other) {
        return new DataRequest(spec, other);
    }

    /** The data's own training and test splits. */
    public LoadedData load() throws IOException {
        return spec.load(options);
    }

    /**
     * {@link #splits(double, Integer, Integer, Augmentation)} as training splits by default: Fashion-MNIST's
     * validation share held out, no augmentation, so that the commands on a model see the splits it was made with.
     */
    public DataSplits splits(Integer trainLimit, Integer testLimit) throws IOException {
        return splits(FashionMnistOptions.defaults().validationFraction(), trainLimit, testLimit, null);
    }

    /**
     * Training, validation and test splits: the first {@code trainLimit} of a seeded shuffle of the training
     * split (null: all) after {@code validationFraction} of it is held out, and the first {@code testLimit}
     * test examples (null: all). The training split is shuffled each epoch and augmented with
     * {@code augmentation} (null: none).
     */
    public DataSplits splits(double validationFraction, Integer trainLimit, Integer testLimit,
            Augmentation augmentation) throws IOException {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
        }
        if (isFashionMnist()) {
            return fashionMnistSplits(validationFraction, trainLimit, testLimit, augmentation);
        }
        LoadedData data = load();
        ImageDataset pool = data.train();
        int size = Math.toIntExact(pool.size());
        int wanted = trainLimit == null ? size : Math.min(trainLimit, size);
        int validationSize = (int) Math.round(validationFraction * wanted);
        if (validationFraction > 0) {
            validationSize = Math.max(1, validationSize);
        }
        int trainSize = Math.min(wanted, size - validationSize);
        if (trainSize < 1) {
            throw new DataInputException("data " + spec.text() + ": " + size + " training examples leave none for"
                    + " training after a validation share of " + validationFraction);
        }
        int[] order = permutation(size, options.seed());
        int batch = options.batchSize();
        ImageDataset train = pool.select(Arrays.copyOfRange(order, validationSize, validationSize + trainSize))
                .with(batch, true, augmentation);
        ImageDataset validation = validationSize == 0 ? null
                : pool.select(Arrays.copyOfRange(order, 0, validationSize)).with(batch, false, null);
        ImageDataset test = data.test().with(batch, false, null);
        if (testLimit != null) {
            test = test.firstN(testLimit);
        }
        return new DataSplits(train, validation, test, data.provenance(), data.encoding());
    }

    private DataSplits fashionMnistSplits(double validationFraction, Integer trainLimit, Integer testLimit,
            Augmentation augmentation) throws IOException {
        Path folder = FashionMnist.locate(spec.path() != null ? spec.path() : options.dataDir());
        FashionMnistSplits s = FashionMnist.load(FashionMnistOptions.defaults().withDataDir(folder)
                .withSeed(options.seed()).withValidationFraction(validationFraction)
                .withLimits(trainLimit, testLimit).withBatchSize(options.batchSize()).withAugmentation(augmentation),
                folder);
        DataProvenance provenance = spec.fashionMnistProvenance(folder, options,
                new SplitSizes((int) s.train().size(), (int) s.test().size()));
        ImageDataset train = s.train();
        ImageDataset validation = s.validation();
        ImageDataset test = s.test();
        if (options.normalize() != null) {
            float[] mean = provenance.normalization().meanArray();
            float[] std = provenance.normalization().stdArray();
            train = train.withNormalization(mean, std);
            validation = validation == null ? null : validation.withNormalization(mean, std);
            test = test.withNormalization(mean, std);
        }
        return new DataSplits(train, validation, test, provenance);
    }

    /** A seeded shuffle of {@code 0..n-1}, the same one Fashion-MNIST's validation split is drawn from. */
    private static int[] permutation(int n, long seed) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        Random r = new Random(Seeds.mix(seed, -1, 0x5b17));
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
