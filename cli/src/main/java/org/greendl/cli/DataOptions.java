package org.greendl.cli;

import java.util.ArrayList;
import java.util.List;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.data.spec.ImageSize;
import org.greendl.data.text.SequenceLength;
import org.greendl.data.text.TextOptions;
import picocli.CommandLine.Option;

/**
 * {@code --data SPEC} and the settings that read it; shared by every command that reads data. A command on a
 * model that was given none uses the data in the model's run record.
 */
public final class DataOptions {
    @Option(names = {"--data", "--dataset"}, paramLabel = "SPEC",
            description = "fashion-mnist (default), idx:DIR, folder:DIR, csv:FILE, npz:FILE or text:FILE (TSV or CSV of"
                    + " texts and labels); a plain folder is"
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
            description = "CSV label column by header name or 0-based index (default: the last; for text:FILE the"
                    + " column named label).")
    String labelColumn;

    @Option(names = "--text-column", paramLabel = "NAME|INDEX",
            description = "text:FILE text column by header name or 0-based index (default: the column named text;"
                    + " both columns by index: the file has no header).")
    String textColumn;

    @Option(names = "--tokenizer", paramLabel = "word|bpe",
            description = "text:FILE tokenizer, built from the training split only: word (lower-cased words) or bpe"
                    + " (byte-pair encoding); default word.")
    String tokenizer;

    @Option(names = "--vocabulary", paramLabel = "N",
            description = "text:FILE token ids in all, padding and unknown included (default 8000).")
    Integer vocabulary;

    @Option(names = "--sequence-length", paramLabel = "L|pNN",
            description = "text:FILE tokens per text: L, or the NNth percentile of the training texts' token counts"
                    + " (default p95); longer texts are cut and counted, shorter ones padded.")
    String sequenceLength;

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
                || skipRows != null || normalize != null || textColumn != null || tokenizer != null || vocabulary != null
                || sequenceLength != null;
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
        add(a, "--text-column", textColumn);
        add(a, "--tokenizer", tokenizer);
        add(a, "--vocabulary", vocabulary);
        add(a, "--sequence-length", sequenceLength);
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
            TextOptions text = TextOptions.defaults().withTextColumn(textColumn).withTokenizer(tokenizer)
                    .withSequenceLength(SequenceLength.parse(sequenceLength));
            o = o.withText(vocabulary == null ? text : text.withVocabulary(vocabulary));
            return new DataRequest(DataSpec.parse(spec), o);
        });
    }

    /** {@link #request} when data was given, else null (a model's recorded data then applies). */
    public DataRequest givenOrNull(long seed, int batch) {
        return given() ? request(seed, batch) : null;
    }
}
