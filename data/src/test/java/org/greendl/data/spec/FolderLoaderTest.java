package org.greendl.data.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLoaderTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void forgetEarlierLoads() {
        FolderCache.clearMemory();
    }

    /** {@code perClass} gray 4x4 images per class, pixel values distinct per image. */
    private Path grayTree(Path root, List<String> classes, int perClass) throws IOException {
        for (int c = 0; c < classes.size(); c++) {
            for (int i = 0; i < perClass; i++) {
                byte[] pixels = new byte[16];
                for (int k = 0; k < 16; k++) {
                    pixels[k] = (byte) (c * 100 + i * 5 + k);
                }
                TestFiles.grayPng(root.resolve(classes.get(c)).resolve(String.format("%03d.png", i)), 4, 4, pixels);
            }
        }
        return root;
    }

    private static DataOptions options(Path cache) {
        return DataOptions.defaults().withCacheDir(cache).withBatchSize(8);
    }

    @Test
    void trainTestTreesGiveClassesShapeAndSplits() throws IOException {
        Path data = tmp.resolve("shoes");
        grayTree(data.resolve("train"), List.of("boot", "sandal", "sneaker"), 4);
        grayTree(data.resolve("test"), List.of("boot", "sandal", "sneaker"), 2);
        LoadedData d = DataSpec.parse("folder:" + data).load(options(tmp.resolve("cache")));
        assertEquals(List.of("boot", "sandal", "sneaker"), d.classNames());
        assertEquals(new Shape(1, 4, 4), d.inputShape());
        assertEquals(new SplitSizes(12, 6), d.provenance().splits());
        assertEquals(2, d.test().label(5));
        assertTrue(d.provenance().fingerprint().startsWith("sha256:"));
        try (NDManager m = NDManager.newBaseManager()) {
            float[] x = d.test().get(m, 0).getData().head().toFloatArray();
            float mean = d.provenance().normalization().mean().get(0);
            float std = d.provenance().normalization().std().get(0);
            assertEquals((0 / 255f - mean) / std, x[0], 1e-6); // test boot/000.png, pixel 0 is 0
            assertEquals((15 / 255f - mean) / std, x[15], 1e-6);
        }
    }

    @Test
    void oneTreeIsSplitStratifiedAndSeeded() throws IOException {
        Path data = grayTree(tmp.resolve("flat"), List.of("a", "b"), 10);
        LoadedData first = DataSpec.parse("folder:" + data).load(options(tmp.resolve("c")).withTestFraction(0.2));
        assertEquals(new SplitSizes(16, 4), first.provenance().splits());
        int bInTest = 0;
        for (int i = 0; i < first.test().size(); i++) {
            bInTest += first.test().label(i);
        }
        assertEquals(2, bInTest); // two of each class held out
        LoadedData again = DataSpec.parse("folder:" + data).load(options(tmp.resolve("c")).withTestFraction(0.2));
        LoadedData otherSeed = DataSpec.parse("folder:" + data)
                .load(options(tmp.resolve("c")).withTestFraction(0.2).withSeed(7));
        assertArrayEquals(storage(first.test()), storage(again.test()));
        assertNotEquals(List.of(storage(first.test())), List.of(storage(otherSeed.test())));
    }

    private static int[] storage(org.greendl.data.ImageDataset d) {
        int[] s = new int[(int) d.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = d.storageIndex(i);
        }
        return s;
    }

    @Test
    void secondLoadDecodesNoImageFile() throws IOException {
        Path data = grayTree(tmp.resolve("pets"), List.of("cat", "dog"), 6);
        AtomicInteger decodes = new AtomicInteger();
        ImageDecoder counting = file -> {
            decodes.incrementAndGet();
            return ImageDecoder.imageIo().decode(file);
        };
        Path cache = tmp.resolve("cache");
        LoadedData first = FolderLoader.load("folder:pets", data, options(cache), counting);
        assertEquals(12, decodes.get());
        LoadedData second = FolderLoader.load("folder:pets", data, options(cache), counting);
        assertEquals(12, decodes.get(), "the run's memory cache answers the second load");
        FolderCache.clearMemory();
        ImageDecoder failing = file -> {
            throw new AssertionError("read " + file + " although the disk cache holds it");
        };
        LoadedData third = FolderLoader.load("folder:pets", data, options(cache), failing);
        assertEquals(first.provenance(), second.provenance());
        assertEquals(first.provenance(), third.provenance());
        try (Stream<Path> files = Files.list(cache)) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".bin")).count());
        }
        try (NDManager m = NDManager.newBaseManager()) {
            for (int i = 0; i < first.train().size(); i++) {
                assertArrayEquals(first.train().get(m, i).getData().head().toFloatArray(),
                        third.train().get(m, i).getData().head().toFloatArray());
            }
        }
        // A changed file changes the listing key: decoded again.
        TestFiles.grayPng(data.resolve("cat/000.png"), 4, 4, new byte[16]);
        Files.setLastModifiedTime(data.resolve("cat/000.png"), java.nio.file.attribute.FileTime.fromMillis(1000));
        FolderCache.clearMemory();
        LoadedData changed = FolderLoader.load("folder:pets", data, options(cache), counting);
        assertEquals(24, decodes.get());
        assertNotEquals(first.provenance().fingerprint(), changed.provenance().fingerprint());
    }

    @Test
    void defaultCacheSitsBesideTheFolder() throws IOException {
        Path data = grayTree(tmp.resolve("beside"), List.of("x", "y"), 2);
        DataSpec.parse("folder:" + data).load(DataOptions.defaults().withTestFraction(0.5));
        assertTrue(Files.isDirectory(tmp.resolve(FolderLoader.CACHE_FOLDER)));
    }

    @Test
    void rgbImagesResizedAndConverted() throws IOException {
        Path data = tmp.resolve("colour");
        TestFiles.rgbImage(data.resolve("red/a.png"), 8, 8, 200, 10, 10, "png");
        TestFiles.rgbImage(data.resolve("red/b.jpg"), 6, 6, 210, 20, 20, "jpg");
        TestFiles.rgbImage(data.resolve("blue/a.bmp"), 8, 8, 10, 10, 200, "bmp");
        TestFiles.rgbImage(data.resolve("blue/b.png"), 8, 8, 20, 20, 220, "png");
        DataInputException e = assertThrows(DataInputException.class,
                () -> DataSpec.parse("folder:" + data).load(options(tmp.resolve("c")).withTestFraction(0.5)));
        assertEquals(data + ": images differ in size (blue/a.bmp is 8x8, red/b.jpg is 6x6); give --image-size HxW"
                + " to resize them", e.getMessage());
        LoadedData d = DataSpec.parse("folder:" + data)
                .load(options(tmp.resolve("c")).withTestFraction(0.5).withImageSize(new ImageSize(4, 4)));
        assertEquals(new Shape(3, 4, 4), d.inputShape());
        assertEquals(List.of("blue", "red"), d.classNames());
        assertEquals(3, d.provenance().normalization().mean().size());
        LoadedData gray = DataSpec.parse("folder:" + data).load(options(tmp.resolve("c")).withTestFraction(0.5)
                .withImageSize(new ImageSize(4, 4)).withChannels("1"));
        assertEquals(new Shape(1, 4, 4), gray.inputShape());
    }

    @Test
    void badFoldersAreOneLineNamingTheFile() throws IOException {
        Path single = grayTree(tmp.resolve("single"), List.of("only"), 3);
        assertEquals(single + ": only 1 class folder (only); a classifier needs at least two (one subfolder per class)",
                assertThrows(DataInputException.class, () -> DataSpec.parse("folder:" + single)
                        .load(options(tmp.resolve("c")))).getMessage());

        Path notImage = grayTree(tmp.resolve("notimage"), List.of("a", "b"), 3);
        Files.writeString(notImage.resolve("b/notes.txt"), "hello");
        assertEquals(notImage.resolve("b/notes.txt") + ": not an image file (expected .bmp, .gif, .jpeg, .jpg, .png)",
                assertThrows(DataInputException.class, () -> DataSpec.parse("folder:" + notImage)
                        .load(options(tmp.resolve("c")))).getMessage());

        Path broken = grayTree(tmp.resolve("broken"), List.of("a", "b"), 3);
        Files.writeString(broken.resolve("a/001.png"), "not a png at all");
        String m = assertThrows(DataInputException.class, () -> DataSpec.parse("folder:" + broken)
                .load(options(tmp.resolve("c")))).getMessage();
        assertTrue(m.startsWith(broken.resolve("a/001.png") + ": not a readable image"), m);
        assertEquals(1, m.lines().count());

        Path mixed = grayTree(tmp.resolve("mixed"), List.of("a", "b"), 2);
        TestFiles.rgbImage(mixed.resolve("b/zz.png"), 4, 4, 200, 0, 0, "png");
        assertEquals(mixed + ": mixed gray and RGB images (gray: a/000.png, RGB: b/zz.png); set channels (--channels) to 1 or 3",
                assertThrows(DataInputException.class, () -> DataSpec.parse("folder:" + mixed)
                        .load(options(tmp.resolve("c")))).getMessage());
        assertEquals(new Shape(3, 4, 4), DataSpec.parse("folder:" + mixed)
                .load(options(tmp.resolve("c")).withChannels("3").withTestFraction(0.5)).inputShape());

        Path emptyTest = tmp.resolve("emptytest");
        grayTree(emptyTest.resolve("train"), List.of("a", "b"), 2);
        Files.createDirectories(emptyTest.resolve("test/a"));
        assertEquals(emptyTest.resolve("test") + ": the test split is empty (no images)",
                assertThrows(DataInputException.class, () -> DataSpec.parse("folder:" + emptyTest)
                        .load(options(tmp.resolve("c")))).getMessage());
    }
}
