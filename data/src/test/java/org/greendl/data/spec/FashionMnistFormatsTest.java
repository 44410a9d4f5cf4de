package org.greendl.data.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.greendl.data.FashionMnist;
import org.greendl.data.FashionMnistOptions;
import org.greendl.data.FashionMnistSplits;
import org.greendl.data.IdxArray;
import org.greendl.data.IdxReader;
import org.greendl.data.ImageDataset;
import org.greendl.testing.OutsideMaven;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The first 2,000 training and 500 test images of the real Fashion-MNIST, written as IDX, npz and a PNG folder
 * tree, load to the same normalized tensors as the built-in loader with the same constants.
 */
class FashionMnistFormatsTest {
    private static final int TRAIN = 2000;
    private static final int TEST = 500;
    private static final String CONSTANTS = FashionMnist.MEAN + "," + FashionMnist.STD;
    private static final int ITEM = 28 * 28;

    @TempDir
    static Path tmp;
    private static byte[] trainImages;
    private static byte[] trainLabels;
    private static byte[] testImages;
    private static byte[] testLabels;
    private static ImageDataset builtInTrain;
    private static ImageDataset builtInTest;
    private static int[] builtInPosition;

    @BeforeAll
    static void readTheRealFiles() throws IOException {
        Path real = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null));
        List<Path> files = FashionMnist.files(real);
        trainImages = Arrays.copyOf(IdxReader.read(files.get(0)).data(), TRAIN * ITEM);
        trainLabels = Arrays.copyOf(IdxReader.read(files.get(1)).data(), TRAIN);
        testImages = Arrays.copyOf(IdxReader.read(files.get(2)).data(), TEST * ITEM);
        testLabels = Arrays.copyOf(IdxReader.read(files.get(3)).data(), TEST);
        FashionMnistSplits splits = FashionMnist.load(FashionMnistOptions.defaults().withValidationFraction(0)
                .withLimits(null, TEST).withBatchSize(100), real);
        builtInTrain = splits.train();
        builtInTest = splits.test();
        builtInPosition = new int[(int) builtInTrain.size()];
        for (int p = 0; p < builtInTrain.size(); p++) {
            builtInPosition[builtInTrain.storageIndex(p)] = p;
        }
    }

    private static DataOptions options() {
        return DataOptions.defaults().withNormalize(CONSTANTS).withBatchSize(100).withCacheDir(tmp.resolve("cache"));
    }

    @Test
    void idxSubset() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("idx"));
        writeIdx(dir.resolve("train-images-idx3-ubyte"), new int[] {TRAIN, 28, 28}, trainImages);
        writeIdx(dir.resolve("train-labels-idx1-ubyte"), new int[] {TRAIN}, trainLabels);
        writeIdx(dir.resolve("t10k-images-idx3-ubyte"), new int[] {TEST, 28, 28}, testImages);
        writeIdx(dir.resolve("t10k-labels-idx1-ubyte"), new int[] {TEST}, testLabels);
        sameTensors(DataSpec.parse("idx:" + dir).load(options()), identity(TRAIN), identity(TEST));
    }

    @Test
    void npzSubset() throws IOException {
        Map<String, byte[]> arrays = new HashMap<>();
        arrays.put("x_train", TestFiles.uint8(trainImages, TRAIN, 28, 28));
        arrays.put("y_train", TestFiles.uint8(trainLabels, TRAIN));
        arrays.put("x_test", TestFiles.uint8(testImages, TEST, 28, 28));
        arrays.put("y_test", TestFiles.uint8(testLabels, TEST));
        Path file = TestFiles.npz(tmp.resolve("fashion.npz"), arrays);
        sameTensors(DataSpec.parse("npz:" + file).load(options()), identity(TRAIN), identity(TEST));
    }

    @Test
    void pngFolderSubset() throws IOException {
        Path dir = tmp.resolve("png");
        writePngs(dir.resolve("train"), trainImages, trainLabels);
        writePngs(dir.resolve("test"), testImages, testLabels);
        // The folder loader stores images by class folder, then by file name.
        sameTensors(DataSpec.parse("folder:" + dir).load(options()), byClass(trainLabels), byClass(testLabels));
    }

    @Test
    void builtInSpecKeepsItsConstants() throws IOException {
        LoadedData d = DataSpec.parse("fashion-mnist").load(DataOptions.defaults());
        assertEquals(List.of(1L, 28L, 28L), d.provenance().inputShape());
        assertEquals(new SplitSizes(60000, 10000), d.provenance().splits());
        assertEquals(new Normalization(List.of(0.2860f), List.of(0.3530f), "fashion-mnist"),
                d.provenance().normalization());
        assertEquals(10, d.classNames().size());
        assertArrayEquals(new float[] {FashionMnist.MEAN}, d.train().mean());
    }

    /** Every example equals the built-in loader's example of the same original index, label included. */
    private static void sameTensors(LoadedData d, int[] trainOriginal, int[] testOriginal) {
        assertEquals(new SplitSizes(TRAIN, TEST), d.provenance().splits());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        try (NDManager m = NDManager.newBaseManager()) {
            for (int p = 0; p < TRAIN; p++) {
                int builtIn = builtInPosition[trainOriginal[d.train().storageIndex(p)]];
                assertEquals(builtInTrain.label(builtIn), d.train().label(p));
                try (NDManager step = m.newSubManager()) {
                    assertArrayEquals(builtInTrain.get(step, builtIn).getData().head().toFloatArray(),
                            d.train().get(step, p).getData().head().toFloatArray(), "train example " + p);
                }
            }
            float[] mine = batches(d.test(), m);
            float[] theirs = batches(builtInTest, m);
            if (!Arrays.equals(testOriginal, identity(TEST))) {
                float[] reordered = new float[theirs.length];
                for (int p = 0; p < TEST; p++) {
                    System.arraycopy(theirs, testOriginal[p] * ITEM, reordered, p * ITEM, ITEM);
                }
                theirs = reordered;
            }
            assertArrayEquals(theirs, mine); // batched path: bit-identical
        }
    }

    private static float[] batches(ImageDataset d, NDManager m) {
        float[] all = new float[(int) d.size() * ITEM];
        int at = 0;
        for (Batch b : d.getData(m)) {
            try (b) {
                float[] x = b.getData().head().toFloatArray();
                System.arraycopy(x, 0, all, at, x.length);
                at += x.length;
            }
        }
        return all;
    }

    private static int[] identity(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    private static int[] byClass(byte[] labels) {
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    order.add(i);
                }
            }
        }
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void writePngs(Path root, byte[] images, byte[] labels) throws IOException {
        for (int i = 0; i < labels.length; i++) {
            TestFiles.grayPng(root.resolve(Integer.toString(labels[i])).resolve(String.format("%05d.png", i)), 28, 28,
                    Arrays.copyOfRange(images, i * ITEM, (i + 1) * ITEM));
        }
    }

    private static void writeIdx(Path file, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        Files.write(file, bytes.toByteArray());
        IdxArray check = IdxReader.read(file);
        assertEquals(dims[0], check.count());
    }
}
