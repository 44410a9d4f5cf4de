package org.greendl.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.greendl.data.ImageDataset;
import org.greendl.data.augment.Augmentations;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.LoadedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageSet#of} on data read through the data module: feature vectors from a CSV, bytes of images. */
class ImageSetOwnDataTest {
    @TempDir Path dir;

    /** 60 rows of three features, three classes told apart by which feature is large. */
    private Path csv() throws IOException {
        Random r = new Random(3);
        StringBuilder b = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 60; i++) {
            int c = i % 3;
            for (int f = 0; f < 3; f++) {
                b.append(String.format(java.util.Locale.ROOT, "%.3f,", (f == c ? 5 : 0) + r.nextGaussian()));
            }
            b.append(c).append('\n');
        }
        Path file = dir.resolve("three.csv");
        Files.writeString(file, b.toString());
        return file;
    }

    @Test
    void featureVectorsKeepTheirShapeClassesValuesAndNormalization() throws IOException {
        LoadedData data = DataRequest.of("csv:" + csv()).load();
        ImageSet.Splits sets = ImageSet.of(data);
        ImageSet train = sets.train();
        assertTrue(train.featureVectors());
        assertEquals(new Shape(3), train.exampleShape());
        assertEquals(3, train.classes());
        assertEquals(data.train().size(), train.count());
        assertEquals(data.test().size(), sets.test().count());
        assertEquals(60, train.count() + sets.test().count());
        assertArrayEquals(data.train().mean(), train.mean());
        assertArrayEquals(data.train().std(), train.std());

        // Id i is the split's i-th example in stored order, with its own values and label.
        ImageDataset stored = data.train();
        int first = 0;
        for (int p = 1; p < stored.size(); p++) {
            if (stored.storageIndex(p) < stored.storageIndex(first)) {
                first = p;
            }
        }
        assertArrayEquals(stored.storedValues(first), train.rawValues(0));
        assertEquals(stored.label(first), train.label(0));

        float[] mean = train.mean();
        float[] std = train.std();
        float[] raw = train.rawValues(0);
        float[] normalized = train.normalized(new int[] {0}, 0, 1);
        assertEquals(3, normalized.length);
        for (int f = 0; f < 3; f++) {
            assertEquals((raw[f] - mean[f]) / std[f], normalized[f], 1e-6f);
        }
        assertFalse(mean[0] == mean[1] && mean[1] == mean[2], "one mean per feature");
    }

    @Test
    void featureVectorsRefuseImageAugmentationsButTakeNone() throws IOException {
        ImageSet train = ImageSet.of(DataRequest.of("csv:" + csv()).load()).train();
        int[] ids = {0, 1};
        assertArrayEquals(train.normalized(ids, 0, 2),
                train.augmented(ids, 0, 2, Augmentations.parse("none"), new Random(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> train.augmented(ids, 0, 2, Augmentations.parse("flip:1"), new Random(1)));
        assertTrue(e.getMessage().contains("feature vectors"), e.getMessage());
    }

    @Test
    void aLearnerIsSizedByTheFeatureVectors() throws IOException {
        ImageSet.Splits sets = ImageSet.of(DataRequest.of("csv:" + csv()).load());
        try (Learner learner = Learner.create("mlp", sets.train(), 1e-2f, 1)) {
            for (int epoch = 0; epoch < 20; epoch++) {
                learner.trainEpoch(sets.train(), sets.train().allIds(), 16, null);
            }
            float[][] p = learner.predict(sets.test(), sets.test().allIds(), false, 64).probabilities();
            assertEquals(3, p[0].length, "the head scores the data's 3 classes");
            assertTrue(learner.accuracy(sets.test(), sets.test().allIds(), 64) > 0.8);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Learner.create("cnn", sets.train(), 1e-3f, 1));
        assertTrue(e.getMessage().contains("cnn"), e.getMessage());
    }

    @Test
    void byteImagesStayBytesWithTheSameNumbers() {
        byte[] pixels = new byte[4 * 2 * 2 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        int[] labels = {0, 1, 2, 3};
        ImageDataset d = ImageDataset.builder().images(pixels, 2, 2, 2).labels(labels, 4)
                .normalization(new float[] {0.1f, 0.5f}, new float[] {0.2f, 0.4f}).indices(new int[] {3, 1}).setSampling(2, false)
                .build();
        ImageSet set = ImageSet.of(d);
        assertEquals(2, set.count());
        assertEquals(new Shape(2, 2, 2), set.exampleShape());
        assertEquals(1, set.label(0), "stored order: storage index 1 first");
        assertEquals(3, set.label(1));
        byte[] raw = set.rawImage(0);
        float[] normalized = set.normalized(new int[] {0}, 0, 1);
        for (int i = 0; i < 8; i++) {
            assertEquals(pixels[8 + i], raw[i]);
            int c = i / 4;
            float expected = ((pixels[8 + i] & 0xff) / 255f - (c == 0 ? 0.1f : 0.5f)) / (c == 0 ? 0.2f : 0.4f);
            assertEquals(expected, normalized[i], 1e-6f);
        }
    }
}
