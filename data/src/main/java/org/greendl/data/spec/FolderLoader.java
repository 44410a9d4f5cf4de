package org.greendl.data.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * {@code folder:DIR}: one subfolder per class, torchvision's ImageFolder layout, either split
 * ({@code DIR/train/CLASS/...} and {@code DIR/test/CLASS/...}) or one tree ({@code DIR/CLASS/...}, the test
 * split then held out by fraction, stratified). Images are PNG, JPEG, BMP or GIF, found recursively in name
 * order; hidden files are skipped, any other file is an error. Files are decoded on all cores, and the result
 * is cached for the run and on disk ({@link FolderCache}), so a second load decodes nothing.
 */
final class FolderLoader {
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");
    static final String CACHE_FOLDER = ".greendl-cache";

    private FolderLoader() {}

    static LoadedData load(String spec, Path dir, DataOptions options) throws IOException {
        return load(spec, dir, options, ImageDecoder.imageIo());
    }

    static LoadedData load(String spec, Path dir, DataOptions options, ImageDecoder decoder) throws IOException {
        FolderImages images = images(dir, options, decoder);
        int item = images.channels() * images.height() * images.width();
        if (images.trainCount() < 0) {
            return Assembly.assemble(spec, dir.toString(),
                    new Examples(images.pixels(), null, images.labels(), images.shape()), null,
                    images.classNames(), images.fingerprint(), options);
        }
        int n = images.trainCount();
        Examples train = new Examples(Arrays.copyOf(images.pixels(), n * item), null,
                Arrays.copyOf(images.labels(), n), images.shape());
        Examples test = new Examples(Arrays.copyOfRange(images.pixels(), n * item, images.pixels().length), null,
                Arrays.copyOfRange(images.labels(), n, images.labels().length), images.shape());
        return Assembly.assemble(spec, dir.toString(), train, test, images.classNames(), images.fingerprint(), options);
    }

    /** The decoded tree: from this run's memory, else the cache file, else decoded (and then cached). */
    static FolderImages images(Path dir, DataOptions options, ImageDecoder decoder) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataInputException(dir, "no such folder (expected one subfolder per class for folder:DIR)");
        }
        boolean split = Files.isDirectory(dir.resolve("train")) && Files.isDirectory(dir.resolve("test"));
        List<String> classNames = classFolders(split ? dir.resolve("train") : dir);
        if (classNames.size() < 2) {
            throw new DataInputException(split ? dir.resolve("train") : dir, "only " + classNames.size()
                    + " class folder" + (classNames.isEmpty() ? "" : " (" + classNames.get(0) + ")")
                    + "; a classifier needs at least two (one subfolder per class)");
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        int trainCount = -1;
        if (split) {
            list(dir.resolve("train"), classNames, files, labels);
            trainCount = files.size();
            List<String> testClasses = classFolders(dir.resolve("test"));
            for (String c : testClasses) {
                if (!classNames.contains(c)) {
                    throw new DataInputException(dir.resolve("test").resolve(c), "class folder not in "
                            + dir.resolve("train") + " (classes there: " + String.join(", ", classNames) + ")");
                }
            }
            list(dir.resolve("test"), classNames, files, labels);
            if (files.size() == trainCount) {
                throw new DataInputException(dir.resolve("test"), "the test split is empty (no images)");
            }
            if (trainCount == 0) {
                throw new DataInputException(dir.resolve("train"), "the training split is empty (no images)");
            }
        } else {
            list(dir, classNames, files, labels);
        }
        if (files.isEmpty()) {
            throw new DataInputException(dir, "no images (expected ." + String.join(", .", EXTENSIONS.stream().sorted()
                    .toList()) + " files in the class folders)");
        }
        String key = listingKey(dir, files, options, split);
        FolderImages cached = FolderCache.inMemory(key);
        if (cached != null) {
            return cached;
        }
        Path parent = dir.toAbsolutePath().getParent();
        Path cacheDir = options.cacheDir() != null ? options.cacheDir()
                : (parent == null ? dir.toAbsolutePath() : parent).resolve(CACHE_FOLDER);
        Path cacheFile = FolderCache.file(cacheDir, key);
        cached = FolderCache.read(cacheFile, key);
        if (cached != null) {
            FolderCache.keep(key, cached);
            return cached;
        }
        FolderImages decoded = decode(dir, files, labels, classNames, trainCount, options, decoder);
        FolderCache.keep(key, decoded);
        try {
            FolderCache.write(cacheFile, key, decoded);
        } catch (IOException e) {
            System.err.println("greendl: cannot write the image cache " + cacheFile + " (" + e.getMessage()
                    + "); the next load decodes the images again");
        }
        return decoded;
    }

    private static FolderImages decode(Path dir, List<Path> files, List<Integer> labels, List<String> classNames,
            int trainCount, DataOptions options, ImageDecoder decoder) throws IOException {
        DecodedImage[] decoded = new DecodedImage[files.size()];
        ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        try {
            pool.submit(() -> IntStream.range(0, files.size()).parallel().forEach(i -> {
                try {
                    decoded[i] = decoder.decode(files.get(i));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            throw new IOException(dir + ": decoding failed (" + cause + ")", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(dir + ": interrupted while decoding images", e);
        } finally {
            pool.shutdown();
        }
        int channels = channels(dir, files, decoded, options.channels());
        int[] size = size(dir, files, decoded, options.imageSize());
        int item = channels * size[0] * size[1];
        byte[] pixels = new byte[Math.multiplyExact(files.size(), item)];
        pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        try {
            pool.submit(() -> IntStream.range(0, files.size()).parallel().forEach(i -> {
                byte[] p = PixelConversion.convert(decoded[i], channels, size[0], size[1]);
                System.arraycopy(p, 0, pixels, i * item, item);
            })).get();
        } catch (ExecutionException | InterruptedException e) {
            throw new IOException(dir + ": converting images failed (" + e + ")", e);
        } finally {
            pool.shutdown();
        }
        Fingerprint fingerprint = new Fingerprint();
        for (int i = 0; i < files.size(); i++) {
            fingerprint.text(relative(dir, files.get(i))).bytes(decoded[i].sha256());
        }
        return new FolderImages(fingerprint.finish(), classNames, channels, size[0], size[1],
                labels.stream().mapToInt(Integer::intValue).toArray(), pixels, trainCount);
    }

    private static int channels(Path dir, List<Path> files, DecodedImage[] decoded, Integer setting)
            throws DataInputException {
        if (setting != null) {
            return setting;
        }
        int gray = -1;
        int rgb = -1;
        for (int i = 0; i < decoded.length && (gray < 0 || rgb < 0); i++) {
            if (decoded[i].gray()) {
                gray = gray < 0 ? i : gray;
            } else {
                rgb = rgb < 0 ? i : rgb;
            }
        }
        if (gray >= 0 && rgb >= 0) {
            throw new DataInputException(dir, "mixed gray and RGB images (gray: " + relative(dir, files.get(gray))
                    + ", RGB: " + relative(dir, files.get(rgb)) + "); set channels (--channels) to 1 or 3");
        }
        return gray >= 0 ? 1 : 3;
    }

    private static int[] size(Path dir, List<Path> files, DecodedImage[] decoded, ImageSize setting)
            throws DataInputException {
        if (setting != null) {
            return new int[] {setting.height(), setting.width()};
        }
        DecodedImage first = decoded[0];
        for (int i = 1; i < decoded.length; i++) {
            if (decoded[i].height() != first.height() || decoded[i].width() != first.width()) {
                throw new DataInputException(dir, "images differ in size (" + relative(dir, files.get(0)) + " is "
                        + first.height() + "x" + first.width() + ", " + relative(dir, files.get(i)) + " is "
                        + decoded[i].height() + "x" + decoded[i].width() + "); give --image-size HxW to resize them");
            }
        }
        return new int[] {first.height(), first.width()};
    }

    /** Class folders: the sorted names of the visible subfolders. */
    private static List<String> classFolders(Path dir) throws IOException {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    private static void list(Path root, List<String> classNames, List<Path> files, List<Integer> labels)
            throws IOException {
        for (int c = 0; c < classNames.size(); c++) {
            Path classDir = root.resolve(classNames.get(c));
            if (!Files.isDirectory(classDir)) {
                continue;
            }
            List<Path> found;
            try (Stream<Path> walk = Files.walk(classDir)) {
                found = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                        .sorted().toList();
            }
            for (Path f : found) {
                String name = f.getFileName().toString();
                String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
                if (!EXTENSIONS.contains(extension)) {
                    throw new DataInputException(f, "not an image file (expected ." + String.join(", .",
                            EXTENSIONS.stream().sorted().toList()) + ")");
                }
                files.add(f);
                labels.add(c);
            }
        }
    }

    /** Names, sizes and modification times of every file, and the settings decoding depends on. */
    private static String listingKey(Path dir, List<Path> files, DataOptions options, boolean split)
            throws IOException {
        Fingerprint key = new Fingerprint().text("folder v1 split=" + split + " channels=" + options.channels()
                + " size=" + options.imageSize());
        for (Path f : files) {
            BasicFileAttributes attributes = Files.readAttributes(f, BasicFileAttributes.class);
            key.text(relative(dir, f) + "|" + attributes.size() + "|" + attributes.lastModifiedTime().toMillis());
        }
        return key.finish().substring("sha256:".length());
    }

    private static String relative(Path dir, Path file) {
        return dir.relativize(file).toString().replace('\\', '/');
    }
}
