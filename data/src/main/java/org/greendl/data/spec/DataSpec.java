package org.greendl.data.spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.greendl.data.FashionMnist;
import org.greendl.data.FashionMnistOptions;
import org.greendl.data.FashionMnistSplits;

/**
 * Which data to use, as the user writes it: {@code fashion-mnist} (the default), {@code idx:DIR},
 * {@code folder:DIR}, {@code csv:FILE}, {@code npz:FILE} or {@code text:FILE}. {@link #load} reads it into two DJL datasets with
 * the shape, classes and normalization the data implies, and its provenance.
 *
 * @param text the spec as given (it goes into the provenance unchanged)
 * @param path the folder or file after the scheme; null for {@code fashion-mnist}
 */
public record DataSpec(String text, Scheme scheme, Path path) {
    /** The kinds of data a spec can name. */
    public enum Scheme {
        FASHION_MNIST("fashion-mnist"), IDX("idx"), FOLDER("folder"), CSV("csv"), NPZ("npz"), TEXT("text");

        private final String prefix;

        Scheme(String prefix) {
            this.prefix = prefix;
        }

        public String prefix() {
            return prefix;
        }
    }

    public static final String DEFAULT = FashionMnist.NAME;
    private static final String SYNTAX = "fashion-mnist, idx:DIR, folder:DIR, csv:FILE, npz:FILE or text:FILE";

    /** Parses a spec; null or blank means {@code fashion-mnist}. */
    public static DataSpec parse(String spec) {
        String text = spec == null || spec.isBlank() ? DEFAULT : spec.trim();
        if (text.equalsIgnoreCase(DEFAULT)) {
            return new DataSpec(text, Scheme.FASHION_MNIST, null);
        }
        int colon = text.indexOf(':');
        String prefix = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        for (Scheme s : List.of(Scheme.IDX, Scheme.FOLDER, Scheme.CSV, Scheme.NPZ, Scheme.TEXT)) {
            if (s.prefix.equals(prefix)) {
                String rest = text.substring(colon + 1);
                if (rest.isBlank()) {
                    throw new IllegalArgumentException("data spec '" + text + "' names no " + (s == Scheme.IDX
                            || s == Scheme.FOLDER ? "folder" : "file") + " after '" + prefix + ":'");
                }
                return new DataSpec(text, s, Path.of(rest));
            }
        }
        if (colon < 0 && (java.nio.file.Files.isDirectory(Path.of(text))
                || text.contains("/") && !java.nio.file.Files.exists(Path.of(text)))) {
            // The older meaning of --data DIR: where Fashion-MNIST's four files are (or are to be found).
            return new DataSpec(text, Scheme.FASHION_MNIST, Path.of(text));
        }
        throw new IllegalArgumentException("unknown data spec '" + text + "'" + (colon < 0 ? ""
                : " (scheme '" + prefix + "')") + "; expected " + SYNTAX);
    }

    /** Reads the data; bad data is a {@link DataInputException} with a one-line message naming the file. */
    public LoadedData load(DataOptions options) throws IOException {
        return switch (scheme) {
            case FASHION_MNIST -> fashionMnist(options);
            case IDX -> IdxLoader.load(text, path, options);
            case FOLDER -> FolderLoader.load(text, path, options);
            case CSV -> CsvLoader.load(text, path, options);
            case NPZ -> NpzLoader.load(text, path, options);
            case TEXT -> TextLoader.load(text, path, options);
        };
    }

    /** Located as {@link FashionMnist#locate} does; all 60,000 training images, its own normalization constants. */
    private LoadedData fashionMnist(DataOptions options) throws IOException {
        Path folder = FashionMnist.locate(path != null ? path : options.dataDir());
        FashionMnistOptions fm = FashionMnistOptions.defaults().withDataDir(folder).withSeed(options.seed())
                .withValidationFraction(0).withBatchSize(options.batchSize());
        FashionMnistSplits splits = FashionMnist.load(fm, folder);
        DataProvenance provenance = fashionMnistProvenance(folder, options,
                new SplitSizes((int) splits.train().size(), (int) splits.test().size()));
        var train = splits.train();
        var test = splits.test();
        if (options.normalize() != null) {
            Normalization norm = provenance.normalization();
            train = train.withNormalization(norm.meanArray(), norm.stdArray());
            test = test.withNormalization(norm.meanArray(), norm.stdArray());
        }
        return new LoadedData(train, test, provenance);
    }

    /** Fashion-MNIST's provenance: the four files' fingerprint, 1x28x28, classes 0-9, its constants or the given ones. */
    public DataProvenance fashionMnistProvenance(Path folder, DataOptions options, SplitSizes sizes) throws IOException {
        Normalization norm = options.normalize() == null
                ? new Normalization(List.of(FashionMnist.MEAN), List.of(FashionMnist.STD), "fashion-mnist")
                : Normalization.parse(options.normalize(), 1);
        Fingerprint fingerprint = new Fingerprint();
        for (Path file : FashionMnist.files(folder)) {
            fingerprint.file(file.getFileName().toString(), file);
        }
        List<String> classes = java.util.stream.IntStream.range(0, FashionMnist.CLASSES).mapToObj(Integer::toString)
                .toList();
        return new DataProvenance(text, fingerprint.finish(),
                List.of(1L, (long) FashionMnist.SIDE, (long) FashionMnist.SIDE), classes, norm, sizes);
    }
}
