package org.greendl.data.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.greendl.data.IdxArray;
import org.greendl.data.IdxReader;

/**
 * {@code idx:DIR}: IDX image and label files (MNIST's format) of any image size and any number of classes.
 * The files are found by MNIST's names ({@code train-images-idx3-ubyte}, {@code t10k-images-idx3-ubyte}, ...,
 * each {@code .gz} or plain), else by the one file whose name holds both "train" (or "test", "t10k") and
 * "images" (or "labels"). Images are {@code (N, H, W)} gray or {@code (N, H, W, C)} with C of 1 or 3.
 */
final class IdxLoader {
    private IdxLoader() {}

    static LoadedData load(String spec, Path dir, DataOptions options) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataInputException(dir, "no such folder (expected IDX files for idx:DIR)");
        }
        Path trainImages = find(dir, "train", "images", "train-images-idx3-ubyte");
        Path trainLabels = find(dir, "train", "labels", "train-labels-idx1-ubyte");
        Path testImages = find(dir, "test", "images", "t10k-images-idx3-ubyte");
        Path testLabels = find(dir, "test", "labels", "t10k-labels-idx1-ubyte");
        IdxArray xTrain = IdxReader.read(trainImages);
        IdxArray yTrain = IdxReader.read(trainLabels, 1);
        IdxArray xTest = IdxReader.read(testImages);
        IdxArray yTest = IdxReader.read(testLabels, 1);
        long[] shape = shape(xTrain);
        if (!java.util.Arrays.equals(shape, shape(xTest))) {
            throw new DataInputException(testImages, "images are " + java.util.Arrays.toString(shape(xTest))
                    + " but " + trainImages.getFileName() + " holds " + java.util.Arrays.toString(shape));
        }
        checkCount(xTrain, yTrain);
        checkCount(xTest, yTest);
        ClassNames.Integers classes = ClassNames.ofIntegers(unsigned(yTrain), unsigned(yTest));
        String fingerprint = new Fingerprint()
                .file(trainImages.getFileName().toString(), trainImages)
                .file(trainLabels.getFileName().toString(), trainLabels)
                .file(testImages.getFileName().toString(), testImages)
                .file(testLabels.getFileName().toString(), testLabels)
                .finish();
        return Assembly.assemble(spec, dir.toString(),
                new Examples(channelMajor(xTrain), null, classes.indices()[0], shape),
                new Examples(channelMajor(xTest), null, classes.indices()[1], shape),
                classes.names(), fingerprint, options);
    }

    private static long[] shape(IdxArray images) throws DataInputException {
        int[] d = images.dims();
        if (d.length == 3) {
            return new long[] {1, d[1], d[2]};
        }
        if (d.length == 4 && (d[3] == 1 || d[3] == 3)) {
            return new long[] {d[3], d[1], d[2]};
        }
        throw new DataInputException(images.source(), "images have dimensions " + java.util.Arrays.toString(d)
                + " (expected N,H,W or N,H,W,C with C of 1 or 3)");
    }

    /** {@code (N, H, W, C)} bytes reordered to {@code (N, C, H, W)}; 3-dimensional files are already so. */
    private static byte[] channelMajor(IdxArray images) {
        int[] d = images.dims();
        if (d.length == 3 || d[3] == 1) {
            return images.data();
        }
        return Layout.hwcToChw(images.data(), d[0], d[1], d[2], d[3]);
    }

    private static void checkCount(IdxArray images, IdxArray labels) throws DataInputException {
        if (images.count() != labels.count()) {
            throw new DataInputException(labels.source(), labels.count() + " labels but "
                    + images.source().getFileName() + " has " + images.count() + " images");
        }
    }

    private static long[] unsigned(IdxArray labels) {
        byte[] b = labels.data();
        long[] out = new long[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xff;
        }
        return out;
    }

    /** MNIST's name ({@code .gz} or plain), else the one file naming the split and the kind. */
    private static Path find(Path dir, String split, String kind, String standard) throws IOException {
        for (String name : List.of(standard + ".gz", standard)) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        List<Path> matches = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).sorted().forEach(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                boolean splitMatches = n.contains(split) || (split.equals("test") && n.startsWith("t10k"));
                if (splitMatches && n.contains(kind)) {
                    matches.add(f);
                }
            });
        }
        if (matches.size() != 1) {
            throw new DataInputException(dir, (matches.isEmpty() ? "no " : matches.size() + " candidate ")
                    + split + " " + kind + " file" + (matches.isEmpty() ? "" : "s " + matches)
                    + " (expected " + standard + "[.gz] or one file named *" + split + "*" + kind + "*)");
        }
        return matches.get(0);
    }
}
