package org.greendl.cli;

import java.util.ArrayList;
import java.util.List;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.data.spec.ImageSize;
import picocli.CommandLine.Option;

/**
 * {@code --data SPEC} and the settings that read it; shared by every command that reads data. A command on a
 * model that was given none uses the data in the model's run record.
 */
public final class DataOptions {
    @Option(names = {"--data", "--dataset"}, paramLabel = "SPEC",
            description = "fashion-mnist (default), idx:DIR, folder:DIR, csv:FILE or npz:FILE; a plain folder is"
                    + " where Fashion-MNIST's files are. On a model: default the data in its run record.")
    String spec;

    @Option(names = "--test-fraction", paramLabel = "F",
            description = "Share of each class held out for testing when the data has no test split (default 0.2).")
    Double testFraction;

    @Option(names = "--image-size", paramLabel = "HxW",
            description = "Resize folder images to HxW (default: their own size, which must then agree).")
    String imageSize;

    @Option(names = "--channels", paramLabel = "1|3|auto",
            description = "Folder images as gray (1) or RGB (3); default auto (mixed gray and RGB is an error).")
    String channels;

    @Option(names = "--label-column", paramLabel = "NAME|INDEX",
            description = "CSV label column by header name or 0-based index (default: the last).")
    String labelColumn;

    @Option(names = "--skip-rows", paramLabel = "N",
            description = "CSV lines skipped before the header or data (e.g. 1 for scikit-learn's summary line).")
    Integer skipRows;

    @Option(names = "--normalize", paramLabel = "MEAN,STD|none",
            description = "Per-channel normalization after scaling to [0, 1]: MEAN,STD, M1,..,MC,S1,..,SC or none"
                    + " (default: computed on the training split; Fashion-MNIST's own constants for it).")
    String normalize;

    /** True when any data setting was given on the command line. */
    public boolean given() {
        return spec != null || testFraction != null || imageSize != null || channels != null || labelColumn != null
                || skipRows != null || normalize != null;
    }

    /** The data settings given, as command-line arguments for a command run on the same data. */
    public List<String> args() {
        List<String> a = new ArrayList<>();
        add(a, "--data", spec);
        add(a, "--test-fraction", testFraction);
        add(a, "--image-size", imageSize);
        add(a, "--channels", channels);
        add(a, "--label-column", labelColumn);
        add(a, "--skip-rows", skipRows);
        add(a, "--normalize", normalize);
        return a;
    }

    private static void add(List<String> args, String name, Object value) {
        if (value != null) {
            args.add(name);
            args.add(value.toString());
        }
    }

    /** The spec as given, or null. */
    public String spec() {
        return spec;
    }

    /** The data named (Fashion-MNIST when none was), read with {@code seed} and batches of {@code batch}. */
    public DataRequest request(long seed, int batch) {
        return Cli.usage(() -> {
            org.greendl.data.spec.DataOptions o = org.greendl.data.spec.DataOptions.defaults().withSeed(seed)
                    .withBatchSize(batch).withLabelColumn(labelColumn).withNormalize(normalize).withChannels(channels);
            if (testFraction != null) {
                o = o.withTestFraction(testFraction);
            }
            if (imageSize != null) {
                o = o.withImageSize(ImageSize.parse(imageSize));
            }
            if (skipRows != null) {
                o = o.withSkipRows(skipRows);
            }
            return new DataRequest(DataSpec.parse(spec), o);
        });
    }

    /** {@link #request} when data was given, else null (a model's recorded data then applies). */
    public DataRequest givenOrNull(long seed, int batch) {
        return given() ? request(seed, batch) : null;
    }
}
