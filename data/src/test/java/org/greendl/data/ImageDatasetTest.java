package org.greendl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Record;
import java.util.ArrayList;
import java.util.List;
import org.greendl.data.augment.Augmentations;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {
    private static ImageDataset dataset(int n, boolean shuffle, String augment) {
        byte[] pixels = new byte[n * 4];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 3);
            for (int k = 0; k < 4; k++) {
                pixels[i * 4 + k] = (byte) (i * 10 + k);
            }
        }
        return ImageDataset.builder().images(pixels, 1, 2, 2).labels(labels, 3).normalization(0.5f, 0.25f)
                .setSampling(4, shuffle).seed(11).augmentation(Augmentations.parse(augment)).build();
    }

    private static List<Float> firstLabels(ImageDataset d, NDManager m) {
        List<Float> out = new ArrayList<>();
        for (Batch b : d.getData(m)) {
            try (b) {
                for (float v : b.getData().head().get(":, 0, 0, 0").toFloatArray()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    @Test
    void batchesAreNormalizedAndShaped() {
        try (NDManager m = NDManager.newBaseManager()) {
            ImageDataset d = dataset(10, false, null);
            List<Batch> batches = new ArrayList<>();
            d.getData(m).forEach(batches::add);
            assertEquals(3, batches.size());
            try (Batch first = batches.get(0)) {
                assertEquals(new Shape(4, 1, 2, 2), first.getData().head().getShape());
                assertArrayEquals(new float[] {0, 1, 2, 0}, first.getLabels().head().toFloatArray());
                float expected = (11 / 255f - 0.5f) / 0.25f; // example 1, pixel 1
                assertEquals(expected, first.getData().head().getFloat(1, 0, 0, 1), 1e-6);
            }
            batches.get(1).close();
            try (Batch last = batches.get(2)) {
                assertEquals(2, last.getSize());
            }
            Record r = d.get(m, 1);
            assertEquals(new Shape(1, 2, 2), r.getData().head().getShape());
            assertEquals(1f, r.getLabels().head().getFloat(), 0);
        }
    }

    @Test
    void shuffleDependsOnSeedAndEpochOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            ImageDataset a = dataset(40, true, null);
            ImageDataset b = dataset(40, true, null);
            a.setEpoch(3);
            b.setEpoch(3);
            List<Float> epoch3 = firstLabels(a, m);
            assertEquals(epoch3, firstLabels(b, m));
            b.setEpoch(4);
            assertFalse(epoch3.equals(firstLabels(b, m)));
            b.setEpoch(3);
            assertEquals(epoch3, firstLabels(b, m));
        }
    }

    @Test
    void mixingAugmentationGivesSoftLabelsThatSumToOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            ImageDataset d = dataset(12, true, "mixup:0.4");
            assertTrue(d.softLabels());
            for (Batch b : d.getData(m)) {
                try (b) {
                    assertEquals(new Shape(b.getSize(), 3), b.getLabels().head().getShape());
                    float[] sums = b.getLabels().head().sum(new int[] {1}).toFloatArray();
                    for (float s : sums) {
                        assertEquals(1f, s, 1e-5);
                    }
                }
            }
        }
    }

    @Test
    void closingBatchesFreesTheirArrays() {
        try (NDManager m = NDManager.newBaseManager()) {
            ImageDataset d = dataset(64, true, "crop:1,flip");
            for (int epoch = 0; epoch < 5; epoch++) {
                d.setEpoch(epoch);
                for (Batch b : d.getData(m)) {
                    b.close();
                }
            }
            assertEquals(0, m.getManagedArrays().size());
        }
    }

    @Test
    void perChannelNormalizationInBatchesAndRecords() {
        byte[] pixels = {0, 51, (byte) 255, 102, 10, 20, 30, 40}; // two images, 2 channels of 2x1 pixels each
        ImageDataset d = ImageDataset.builder().images(pixels, 2, 2, 1).labels(new byte[] {0, 1}, 2)
                .normalization(new float[] {0.2f, 0.5f}, new float[] {0.5f, 0.25f}).setSampling(2, false).build();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] expected = {(0 - 0.2f) / 0.5f, (51 / 255f - 0.2f) / 0.5f, (1 - 0.5f) / 0.25f,
                    (102 / 255f - 0.5f) / 0.25f};
            assertArrayEquals(expected, d.get(m, 0).getData().head().toFloatArray(), 1e-6f);
            for (Batch b : d.getData(m)) {
                try (b) {
                    assertArrayEquals(expected, b.getData().head().get(0).toFloatArray(), 1e-6f);
                }
            }
        }
    }

    @Test
    void featureVectorsHaveShapeFAndNormalizePerFeature() {
        float[] values = {1, 100, 3, 300, 5, 500};
        ImageDataset d = ImageDataset.builder().features(values, 2).labels(new int[] {0, 1, 2}, 3)
                .normalization(new float[] {3, 300}, new float[] {2, 200}).setSampling(3, false).build();
        assertEquals(new Shape(2), d.exampleShape());
        try (NDManager m = NDManager.newBaseManager()) {
            for (Batch b : d.getData(m)) {
                try (b) {
                    assertEquals(new Shape(3, 2), b.getData().head().getShape());
                    assertArrayEquals(new float[] {-1, -1, 0, 0, 1, 1}, b.getData().head().toFloatArray(), 1e-6f);
                }
            }
            assertEquals(new Shape(2), d.get(m, 2).getData().head().getShape());
        }
        assertEquals(2, d.label(2));
    }
}
