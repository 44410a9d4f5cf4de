package org.greendl.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 60,000 training and 10,000 test grey 28x28 images of ten
 * clothing classes. {@link #locate} finds the four IDX files, {@link #load} turns them into train, validation
 * and test datasets.
 */
public final class FashionMnist {
    public static final String NAME = "fashion-mnist";
    /** Official download address (Zalando Research). */
    public static final String BASE_URL = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";
    /** Mean and standard deviation of the training pixels scaled to [0, 1]. */
    public static final float MEAN = 0.2860f;
    public static final float STD = 0.3530f;
    public static final int CLASSES = 10;
    public static final int SIDE = 28;

    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    private static final List<String> FILES = List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS);
    /** MD5 of the official gzip files, checked after a download. */
    private static final List<String> MD5 = List.of("8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "25c81989df183df01b3e8a0aad5dffbe", "bef4ecab320f06d8554ea6380940ec79",
            "bb300cfdad3c16e7a12a480ee83cd310");

    private FashionMnist() {}

    /** Debian's package that installs the four files under {@code /usr/share/datasets/fashion-mnist}. */
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";

    /**
     * Finds the folder holding the four files in the standard places; when none holds them, installs Debian's
     * package (where apt can) or downloads them, saying so on stderr.
     */
    public static Path locate(Path dataDirOrNull) throws IOException {
        return locate(DataLocations.standard(dataDirOrNull), PackageInstaller.apt(System.err), Downloader.http());
    }

    /**
     * Finds the folder holding the four files. An explicit {@code dataDir} must hold them (it is never skipped
     * silently); otherwise the environment, system and user places are tried in order; then the system package
     * is installed and the system place looked at again; last the files are downloaded into the user place. A
     * folder qualifies when it holds the files directly or in a {@code fashion-mnist} subfolder, each file
     * gzip-compressed ({@code .gz}) or plain. Nothing found: one line naming every place and the three ways to
     * get the data, with the real reason each of the two automatic ways failed.
     */
    public static Path locate(DataLocations places, PackageInstaller installer, Downloader downloader)
            throws IOException {
        if (places.dataDir() != null) {
            Path found = holding(places.dataDir());
            if (found == null) {
                throw new DatasetNotFoundException("no Fashion-MNIST files in " + places.dataDir()
                        + " (--data): expected " + String.join(", ", FILES) + " (.gz or plain) there or in "
                        + places.dataDir().resolve(NAME));
            }
            return found;
        }
        List<String> tried = new ArrayList<>();
        tried.add("--data (not given)");
        if (places.environmentDir() != null) {
            Path found = holding(places.environmentDir());
            if (found != null) {
                return found;
            }
            tried.add("$" + DataLocations.ENVIRONMENT_VARIABLE + "=" + places.environmentDir() + " (no files)");
        } else {
            tried.add("$" + DataLocations.ENVIRONMENT_VARIABLE + " (unset)");
        }
        Path systemDir = places.systemRoot() == null ? null : places.systemRoot().resolve(NAME);
        if (systemDir != null) {
            Path found = holding(systemDir);
            if (found != null) {
                return found;
            }
            tried.add(systemDir.toString());
        }
        Path userDir = places.userRoot() == null ? null : places.userRoot().resolve(NAME);
        if (userDir != null) {
            Path found = holding(userDir);
            if (found != null) {
                return found;
            }
            tried.add(userDir.toString());
        }
        String aptFailure;
        try {
            installer.install(DEBIAN_PACKAGE);
            Path found = systemDir == null ? null : holding(systemDir);
            if (found != null) {
                return found;
            }
            aptFailure = "installed, but " + systemDir + " still lacks the files";
        } catch (IOException e) {
            aptFailure = Causes.describe(e);
        }
        String downloadFailure = "no user folder to download into";
        if (userDir != null) {
            try {
                Files.createDirectories(userDir);
                for (int i = 0; i < FILES.size(); i++) {
                    Path target = userDir.resolve(FILES.get(i) + ".gz");
                    if (!Files.isRegularFile(target)) {
                        downloader.download(URI.create(BASE_URL + FILES.get(i) + ".gz"), target, MD5.get(i));
                    }
                }
                return userDir;
            } catch (IOException e) {
                downloadFailure = Causes.describe(e);
            }
        }
        throw new DatasetNotFoundException("Fashion-MNIST not found; looked in " + String.join("; ", tried)
                + ". Three ways to get it: (1) Debian's package: apt-get install " + DEBIAN_PACKAGE + " (tried: "
                + aptFailure + "); (2) --data DIR naming a folder with " + String.join(", ", FILES)
                + " (.gz or plain); (3) a download from " + BASE_URL + " into " + userDir + " (tried: "
                + downloadFailure + ")");
    }

    /** Loads the located files into train, validation and test datasets. */
    public static FashionMnistSplits load(FashionMnistOptions options) throws IOException {
        Downloader downloader = options.allowDownload() ? Downloader.http() : (url, target, md5) -> {
            throw new IOException("not allowed (allowDownload is false)");
        };
        return load(options, locate(DataLocations.standard(options.dataDir()), PackageInstaller.apt(System.err),
                downloader));
    }

    /** Loads from a folder known to hold the four files. */
    public static FashionMnistSplits load(FashionMnistOptions options, Path folder) throws IOException {
        IdxArray trainImages = readImages(file(folder, TRAIN_IMAGES));
        IdxArray trainLabels = readLabels(file(folder, TRAIN_LABELS), trainImages);
        IdxArray testImages = readImages(file(folder, TEST_IMAGES));
        IdxArray testLabels = readLabels(file(folder, TEST_LABELS), testImages);

        int pool = trainImages.count();
        int wanted = options.trainLimit() == null ? pool : Math.min(options.trainLimit(), pool);
        int validationSize = (int) Math.round(options.validationFraction() * wanted);
        if (options.validationFraction() > 0) {
            validationSize = Math.max(1, validationSize);
        }
        int trainSize = Math.min(wanted, pool - validationSize);
        int[] permutation = permutation(pool, options.seed());
        int[] validation = Arrays.copyOfRange(permutation, 0, validationSize);
        int[] train = Arrays.copyOfRange(permutation, validationSize, validationSize + trainSize);
        int testSize = options.testLimit() == null ? testImages.count()
                : Math.min(options.testLimit(), testImages.count());
        int[] test = new int[testSize];
        for (int i = 0; i < testSize; i++) {
            test[i] = i;
        }
        return new FashionMnistSplits(
                dataset(trainImages, trainLabels, train, options, true, options.augmentation()),
                validationSize == 0 ? null : dataset(trainImages, trainLabels, validation, options, false, null),
                dataset(testImages, testLabels, test, options, false, null),
                folder);
    }

    private static ImageDataset dataset(IdxArray images, IdxArray labels, int[] indices, FashionMnistOptions options,
            boolean shuffle, org.greendl.data.augment.Augmentation augmentation) {
        return ImageDataset.builder()
                .images(images.data(), 1, SIDE, SIDE)
                .labels(labels.data(), CLASSES)
                .indices(indices)
                .normalization(MEAN, STD)
                .augmentation(augmentation)
                .seed(options.seed())
                .setSampling(options.batchSize(), shuffle)
                .build();
    }

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

    static IdxArray readImages(Path file) throws IOException {
        IdxArray images = IdxReader.read(file, 3);
        int[] d = images.dims();
        if (d[1] != SIDE || d[2] != SIDE) {
            throw new IdxFormatException(file, "images are " + d[1] + "x" + d[2] + ", expected " + SIDE + "x" + SIDE);
        }
        return images;
    }

    static IdxArray readLabels(Path file, IdxArray images) throws IOException {
        IdxArray labels = IdxReader.read(file, 1);
        if (labels.count() != images.count()) {
            throw new IdxFormatException(file, labels.count() + " labels but " + images.source().getFileName()
                    + " has " + images.count() + " images (expected equal counts)");
        }
        byte[] data = labels.data();
        for (int i = 0; i < data.length; i++) {
            if ((data[i] & 0xff) >= CLASSES) {
                throw new IdxFormatException(file, "label " + (data[i] & 0xff) + " at index " + i
                        + " (expected 0 to " + (CLASSES - 1) + ")");
            }
        }
        return labels;
    }

    /** The folder itself or its {@code fashion-mnist} subfolder, whichever holds all four files; else null. */
    private static Path holding(Path dir) {
        for (Path candidate : List.of(dir, dir.resolve(NAME))) {
            boolean all = true;
            for (String name : FILES) {
                all &= file(candidate, name) != null;
            }
            if (all) {
                return candidate;
            }
        }
        return null;
    }

    /** The four files of a folder {@link #locate} returned, in a fixed order: train images, train labels, test. */
    public static List<Path> files(Path folder) {
        List<Path> out = new ArrayList<>();
        for (String name : FILES) {
            out.add(file(folder, name));
        }
        return out;
    }

    /** {@code name.gz} or plain {@code name} in {@code dir}; null when neither exists. */
    static Path file(Path dir, String name) {
        Path gz = dir.resolve(name + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path plain = dir.resolve(name);
        return Files.isRegularFile(plain) ? plain : null;
    }
}
