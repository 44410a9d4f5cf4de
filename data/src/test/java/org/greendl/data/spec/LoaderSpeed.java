package org.greendl.data.spec;

import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.greendl.data.FashionMnist;
import org.greendl.data.IdxReader;

/**
 * Images (rows) per second of each loader on the same Fashion-MNIST subset written as a PNG folder tree, CSV,
 * npz and IDX: the folder's first load (decoding every PNG), its load from the disk cache, from the run's memory,
 * then CSV, npz and IDX; medians of {@code runs} loads each, after one uncounted warm-up round. Arguments: work folder, training images (the test
 * split is a fifth of that), runs. Prints one Markdown table.
 */
public final class LoaderSpeed {
    private static final int ITEM = 28 * 28;

    private LoaderSpeed() {}

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args.length > 0 ? args[0] : "loader-speed");
        int train = args.length > 1 ? Integer.parseInt(args[1]) : 10000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int test = train / 5;
        List<Path> files = FashionMnist.files(FashionMnist.locate(null));
        byte[] xTrain = Arrays.copyOf(IdxReader.read(files.get(0)).data(), train * ITEM);
        byte[] yTrain = Arrays.copyOf(IdxReader.read(files.get(1)).data(), train);
        byte[] xTest = Arrays.copyOf(IdxReader.read(files.get(2)).data(), test * ITEM);
        byte[] yTest = Arrays.copyOf(IdxReader.read(files.get(3)).data(), test);
        Path data = work.resolve("data-" + train);
        Path folder = data.resolve("png");
        Path cache = work.resolve("cache-" + train);
        prepare(data, folder, xTrain, yTrain, xTest, yTest);

        DataOptions options = DataOptions.defaults().withCacheDir(cache);
        int images = train + test;
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        // Run -1 warms the JIT and the file system's caches up; it is not counted.
        for (int run = -1; run < runs; run++) {
            if (run == 0) {
                seconds.clear();
            }
            deleteTree(cache);
            FolderCache.clearMemory();
            seconds.computeIfAbsent("folder PNG, first load (decode)", k -> new ArrayList<>())
                    .add(time("folder:" + folder, options));
            FolderCache.clearMemory();
            seconds.computeIfAbsent("folder PNG, disk cache", k -> new ArrayList<>())
                    .add(time("folder:" + folder, options));
            seconds.computeIfAbsent("folder PNG, run's memory cache", k -> new ArrayList<>())
                    .add(time("folder:" + folder, options));
            seconds.computeIfAbsent("csv (784 features + label)", k -> new ArrayList<>())
                    .add(time("csv:" + data.resolve("fashion.csv"), options));
            seconds.computeIfAbsent("npz (uint8)", k -> new ArrayList<>())
                    .add(time("npz:" + data.resolve("fashion.npz"), options));
            seconds.computeIfAbsent("idx", k -> new ArrayList<>()).add(time("idx:" + data.resolve("idx"), options));
        }
        System.out.printf("%d images (%d train + %d test, 28x28 gray), %d runs, %d threads (availableProcessors),"
                + " one warm-up round uncounted, Java %s%n%n", images, train, test, runs, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        System.out.println("| loader | median s | images/s | runs (s) |");
        System.out.println("| --- | ---: | ---: | --- |");
        for (var e : seconds.entrySet()) {
            double median = median(e.getValue());
            System.out.printf("| %s | %.3f | %,.0f | %s |%n", e.getKey(), median, images / median,
                    e.getValue().stream().map(s -> String.format("%.3f", s)).toList());
        }
    }

    private static double time(String spec, DataOptions options) throws IOException {
        long start = System.nanoTime();
        LoadedData d = DataSpec.parse(spec).load(options);
        double s = (System.nanoTime() - start) / 1e9;
        if (d.provenance().splits().train() + d.provenance().splits().test() == 0) {
            throw new IllegalStateException("nothing loaded"); // keeps the load from being optimized away
        }
        return s;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void prepare(Path data, Path folder, byte[] xTrain, byte[] yTrain, byte[] xTest, byte[] yTest)
            throws IOException {
        if (Files.isRegularFile(data.resolve("done"))) {
            return;
        }
        deleteTree(data);
        writePngs(folder.resolve("train"), xTrain, yTrain);
        writePngs(folder.resolve("test"), xTest, yTest);
        Map<String, byte[]> arrays = new HashMap<>();
        arrays.put("x_train", TestFiles.uint8(xTrain, yTrain.length, 28, 28));
        arrays.put("y_train", TestFiles.uint8(yTrain, yTrain.length));
        arrays.put("x_test", TestFiles.uint8(xTest, yTest.length, 28, 28));
        arrays.put("y_test", TestFiles.uint8(yTest, yTest.length));
        TestFiles.npz(data.resolve("fashion.npz"), arrays);
        try (BufferedWriter out = Files.newBufferedWriter(data.resolve("fashion.csv"))) {
            writeCsv(out, xTrain, yTrain);
            writeCsv(out, xTest, yTest);
        }
        Path idx = Files.createDirectories(data.resolve("idx"));
        writeIdx(idx.resolve("train-images-idx3-ubyte"), new int[] {yTrain.length, 28, 28}, xTrain);
        writeIdx(idx.resolve("train-labels-idx1-ubyte"), new int[] {yTrain.length}, yTrain);
        writeIdx(idx.resolve("t10k-images-idx3-ubyte"), new int[] {yTest.length, 28, 28}, xTest);
        writeIdx(idx.resolve("t10k-labels-idx1-ubyte"), new int[] {yTest.length}, yTest);
        Files.writeString(data.resolve("done"), "");
    }

    private static void writeCsv(BufferedWriter out, byte[] images, byte[] labels) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            line.setLength(0);
            for (int k = 0; k < ITEM; k++) {
                line.append(images[i * ITEM + k] & 0xff).append(',');
            }
            out.append(line).append(Integer.toString(labels[i])).append('\n');
        }
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
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
