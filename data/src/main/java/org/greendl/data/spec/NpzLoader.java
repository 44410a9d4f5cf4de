package org.greendl.data.spec;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@code npz:FILE}: a NumPy {@code .npz} (a zip of {@code .npy} files, compressed or not) holding
 * {@code x_train}, {@code y_train}, {@code x_test}, {@code y_test}, Keras' convention. {@code x} arrays are
 * {@code (N, H, W)} gray images, {@code (N, H, W, C)} images with C of 1, 3 or 4 (Keras' channels-last),
 * or {@code (N, F)} feature vectors; {@code uint8} images are scaled by 1/255, other types are used as they are.
 * {@code y} arrays hold integer labels, {@code (N)} or {@code (N, 1)}.
 */
final class NpzLoader {
    static final List<String> ARRAYS = List.of("x_train", "y_train", "x_test", "y_test");

    private NpzLoader() {}

    static LoadedData load(String spec, Path file, DataOptions options) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DataInputException(file, "no such file (expected a .npz with " + String.join(", ", ARRAYS) + ")");
        }
        Map<String, NpyArray> arrays = new HashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (String name : ARRAYS) {
                ZipEntry entry = zip.getEntry(name + ".npy");
                if (entry == null) {
                    throw new DataInputException(file, "no " + name + " array (expected " + String.join(", ", ARRAYS)
                            + ")");
                }
                try (var in = new BufferedInputStream(zip.getInputStream(entry), 1 << 16)) {
                    arrays.put(name, NpyReader.read(in, name, file + ":" + name + ".npy"));
                }
            }
        } catch (ZipException e) {
            throw new DataInputException(file, "not a .npz (zip) file (" + e.getMessage() + ")");
        }
        NpyArray xTrain = arrays.get("x_train");
        NpyArray xTest = arrays.get("x_test");
        long[] shape = exampleShape(file, xTrain);
        long[] testShape = exampleShape(file, xTest);
        if (!java.util.Arrays.equals(shape, testShape)) {
            throw new DataInputException(file, "x_test examples are " + java.util.Arrays.toString(testShape)
                    + " but x_train examples are " + java.util.Arrays.toString(shape));
        }
        long[] yTrain = labels(file, arrays.get("y_train"), xTrain);
        long[] yTest = labels(file, arrays.get("y_test"), xTest);
        ClassNames.Integers classes = ClassNames.ofIntegers(yTrain, yTest);
        String fingerprint = new Fingerprint().file(file.getFileName().toString(), file).finish();
        return Assembly.assemble(spec, file.toString(), examples(xTrain, shape, classes.indices()[0]),
                examples(xTest, shape, classes.indices()[1]), classes.names(), fingerprint, options);
    }

    /** One example's shape as DJL wants it: channel-major images, or {@code {F}}. */
    private static long[] exampleShape(Path file, NpyArray x) throws DataInputException {
        long[] s = x.shape();
        if (s.length == 2) {
            return new long[] {s[1]};
        }
        if (s.length == 3) {
            return new long[] {1, s[1], s[2]};
        }
        if (s.length == 4 && (s[3] == 1 || s[3] == 3 || s[3] == 4)) {
            return new long[] {s[3], s[1], s[2]};
        }
        throw new DataInputException(file, x.name() + " has shape " + java.util.Arrays.toString(s)
                + " (expected (N,F), (N,H,W) or (N,H,W,C) with C of 1, 3 or 4)");
    }

    private static Examples examples(NpyArray x, long[] shape, int[] labels) {
        long[] s = x.shape();
        boolean interleaved = s.length == 4 && s[3] > 1;
        int n = (int) s[0];
        if (x.bytes() != null) {
            byte[] b = interleaved ? Layout.hwcToChw(x.bytes(), n, (int) s[1], (int) s[2], (int) s[3]) : x.bytes();
            return new Examples(b, null, labels, shape);
        }
        float[] f = new float[x.values().length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) x.values()[i];
        }
        if (interleaved) {
            f = Layout.hwcToChw(f, n, (int) s[1], (int) s[2], (int) s[3]);
        }
        return new Examples(null, f, labels, shape);
    }

    private static long[] labels(Path file, NpyArray y, NpyArray x) throws DataInputException {
        long[] s = y.shape();
        if (!(s.length == 1 || (s.length == 2 && s[1] == 1)) || s[0] != x.count()) {
            throw new DataInputException(file, y.name() + " has shape " + java.util.Arrays.toString(s) + " (expected ("
                    + x.count() + ") or (" + x.count() + ", 1), one label per " + x.name() + " example)");
        }
        long[] out = new long[(int) s[0]];
        for (int i = 0; i < out.length; i++) {
            double v = y.get(i);
            if (v != Math.rint(v)) {
                throw new DataInputException(file, y.name() + "[" + i + "] is " + v + " (expected an integer label)");
            }
            out[i] = (long) v;
        }
        return out;
    }
}
