package org.greendl.data.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzLoaderTest {
    @TempDir
    Path dir;

    @Test
    void uint8ChannelsLastImagesAndInt64Labels() throws IOException {
        // Two 2x2 RGB images per split, Keras' (N, H, W, C) layout.
        byte[] x = new byte[2 * 2 * 2 * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) (i * 10);
        }
        Map<String, byte[]> arrays = new HashMap<>();
        arrays.put("x_train", TestFiles.uint8(x, 2, 2, 2, 3));
        arrays.put("y_train", TestFiles.int64(new long[] {3, 7}, 2));
        arrays.put("x_test", TestFiles.uint8(x, 2, 2, 2, 3));
        arrays.put("y_test", TestFiles.int64(new long[] {7, 3}, 2, 1));
        Path file = TestFiles.npz(dir.resolve("rgb.npz"), arrays);
        LoadedData d = DataSpec.parse("npz:" + file).load(DataOptions.defaults().withNormalize("none"));
        assertEquals(new Shape(3, 2, 2), d.inputShape());
        assertEquals(List.of("3", "7"), d.classNames());
        assertEquals(0, d.test().label(1)); // y_test 3 is class 0
        try (NDManager m = NDManager.newBaseManager()) {
            float[] first = d.train().get(m, 0).getData().head().toFloatArray();
            // Channel-major: red of the four pixels first (bytes 0, 3, 6, 9 of the interleaved image).
            assertEquals(0f, first[0]);
            assertEquals(30 / 255f, first[1], 1e-7);
            assertEquals(10 / 255f, first[4], 1e-7); // green of pixel 0
        }
    }

    @Test
    void floatFeaturesAreUsedAsTheyAre() throws IOException {
        Map<String, byte[]> arrays = new HashMap<>();
        arrays.put("x_train", TestFiles.float32(new float[] {1, 10, 3, 30, 5, 50, 7, 70}, 4, 2));
        arrays.put("y_train", TestFiles.int64(new long[] {0, 1, 0, 1}, 4));
        arrays.put("x_test", TestFiles.float64(new double[] {2, 20}, 1, 2));
        arrays.put("y_test", TestFiles.uint8(new byte[] {1}, 1));
        Path file = TestFiles.npz(dir.resolve("f.npz"), arrays);
        LoadedData d = DataSpec.parse("npz:" + file).load(DataOptions.defaults());
        assertEquals(new Shape(2), d.inputShape());
        assertEquals(List.of(4f, 40f), d.provenance().normalization().mean());
        try (NDManager m = NDManager.newBaseManager()) {
            float[] t = d.test().get(m, 0).getData().head().toFloatArray();
            float std0 = (float) Math.sqrt(5.0); // population std of 1, 3, 5, 7
            assertEquals((2 - 4) / std0, t[0], 1e-6);
        }
    }

    @Test
    void missingArrayAndBadShapesAreOneLine() throws IOException {
        Map<String, byte[]> arrays = new HashMap<>();
        arrays.put("x_train", TestFiles.uint8(new byte[8], 2, 2, 2));
        arrays.put("y_train", TestFiles.uint8(new byte[] {0, 1}, 2));
        arrays.put("x_test", TestFiles.uint8(new byte[8], 2, 2, 2));
        Path file = TestFiles.npz(dir.resolve("partial.npz"), arrays);
        assertEquals(file + ": no y_test array (expected x_train, y_train, x_test, y_test)",
                assertThrows(DataInputException.class, () -> DataSpec.parse("npz:" + file)
                        .load(DataOptions.defaults())).getMessage());
        arrays.put("y_test", TestFiles.uint8(new byte[] {0, 1, 1}, 3));
        Path wrong = TestFiles.npz(dir.resolve("wrong.npz"), arrays);
        assertEquals(wrong + ": y_test has shape [3] (expected (2) or (2, 1), one label per x_test example)",
                assertThrows(DataInputException.class, () -> DataSpec.parse("npz:" + wrong)
                        .load(DataOptions.defaults())).getMessage());
        Path notZip = java.nio.file.Files.writeString(dir.resolve("text.npz"), "hello");
        assertEquals(1, assertThrows(DataInputException.class, () -> DataSpec.parse("npz:" + notZip)
                .load(DataOptions.defaults())).getMessage().lines().count());
    }
}
