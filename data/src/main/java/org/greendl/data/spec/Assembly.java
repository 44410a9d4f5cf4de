package org.greendl.data.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.greendl.data.ImageDataset;

/**
 * Turns what a loader read into {@link LoadedData}: a stratified test split when the data has none, the
 * normalization (given, or computed on the training split), the two DJL datasets and the provenance.
 */
final class Assembly {
    private Assembly() {}

    /**
     * @param test the data's own test split, or null to hold out {@link DataOptions#testFraction} of {@code all}
     * @param source what the data was read from, named in errors
     */
    static LoadedData assemble(String spec, String source, Examples all, Examples test, List<String> classNames,
            String fingerprint, DataOptions options) throws DataInputException {
        if (classNames.size() < 2) {
            throw new DataInputException(source + ": only " + classNames.size() + " class (" + classNames
                    + "); a classifier needs at least two");
        }
        int[] trainIndices;
        int[] testIndices;
        if (test == null) {
            StratifiedSplit split = StratifiedSplit.of(all.labels(), classNames.size(), options.testFraction(),
                    options.seed());
            trainIndices = split.train();
            testIndices = split.test();
            test = all;
        } else {
            trainIndices = range(all.count());
            testIndices = range(test.count());
        }
        if (trainIndices.length == 0) {
            throw new DataInputException(source + ": the training split is empty");
        }
        if (testIndices.length == 0) {
            throw new DataInputException(source + ": the test split is empty (" + all.count()
                    + " examples; raise the test fraction or add a test split)");
        }
        Normalization norm = options.normalize() == null
                ? computed(all, trainIndices)
                : Normalization.parse(options.normalize(), all.channels());
        ImageDataset trainSet = dataset(all, trainIndices, classNames.size(), norm, options, true);
        ImageDataset testSet = dataset(test, testIndices, classNames.size(), norm, options, false);
        List<Long> shape = new ArrayList<>();
        for (long d : all.shape()) {
            shape.add(d);
        }
        DataProvenance provenance = new DataProvenance(spec, fingerprint, shape, classNames, norm,
                new SplitSizes(trainIndices.length, testIndices.length));
        return new LoadedData(trainSet, testSet, provenance);
    }

    static ImageDataset dataset(Examples e, int[] indices, int classes, Normalization norm, DataOptions options,
            boolean shuffle) {
        ImageDataset.Builder b = ImageDataset.builder();
        if (e.isFeatures()) {
            b.features(e.floats(), e.channels());
        } else if (e.bytes() != null) {
            b.images(e.bytes(), e.channels(), (int) e.shape()[1], (int) e.shape()[2]);
        } else {
            b.floatImages(e.floats(), e.channels(), (int) e.shape()[1], (int) e.shape()[2]);
        }
        return b.labels(e.labels(), classes)
                .indices(indices)
                .normalization(norm.meanArray(), norm.stdArray())
                .seed(options.seed())
                .setSampling(options.batchSize(), shuffle)
                .build();
    }

    /** Per-channel mean and (population) standard deviation over the training examples; a constant channel gets 1. */
    static Normalization computed(Examples e, int[] indices) {
        int channels = e.channels();
        int plane = e.plane();
        int item = channels * plane;
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        for (int index : indices) {
            int offset = index * item;
            for (int c = 0; c < channels; c++) {
                double s = 0;
                double q = 0;
                for (int i = offset + c * plane, end = i + plane; i < end; i++) {
                    double v = e.bytes() != null ? (e.bytes()[i] & 0xff) / 255.0 : e.floats()[i];
                    s += v;
                    q += v * v;
                }
                sum[c] += s;
                squares[c] += q;
            }
        }
        double n = (double) indices.length * plane;
        List<Float> mean = new ArrayList<>();
        List<Float> std = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double m = sum[c] / n;
            double variance = Math.max(0, squares[c] / n - m * m);
            double s = Math.sqrt(variance);
            mean.add((float) m);
            std.add(s > 1e-12 ? (float) s : 1f);
        }
        return new Normalization(mean, std, "training-split");
    }

    static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }
}
