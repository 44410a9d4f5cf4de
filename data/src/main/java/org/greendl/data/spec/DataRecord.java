package org.greendl.data.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.greendl.data.FashionMnist;
import org.greendl.data.text.SequenceLength;
import org.greendl.data.text.TextEncoding;
import org.greendl.data.text.TextOptions;
import org.greendl.record.Json;

/**
 * A run record's {@code config.data}: the data a model was made with, and how to read it again. A later command
 * on the model reloads it with {@link #request} (so the test split is the one held out at training) and checks
 * any other data against it with {@link #check}.
 *
 * @param fingerprint null for records written before fingerprints (Fashion-MNIST then)
 * @param text how texts became token ids ({@code text:FILE}; null otherwise)
 * @param options the settings that read the data, so that a reload splits it the same way
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataRecord(@JsonProperty("spec") String spec, @JsonProperty("fingerprint") String fingerprint,
        @JsonProperty("input_shape") List<Long> inputShape, @JsonProperty("class_names") List<String> classNames,
        @JsonProperty("normalization") Normalization normalization, @JsonProperty("splits") SplitSizes splits,
        @JsonProperty("text") TextInfo text, @JsonProperty("options") Settings options) {
    /** The config key a run record stores this under. */
    public static final String KEY = "data";

    /** {@link DataOptions} as stored; the batch size is the command's, not the data's. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Settings(@JsonProperty("seed") long seed, @JsonProperty("test_fraction") double testFraction,
            @JsonProperty("channels") Integer channels, @JsonProperty("image_size") String imageSize,
            @JsonProperty("label_column") String labelColumn, @JsonProperty("skip_rows") int skipRows,
            @JsonProperty("normalize") String normalize, @JsonProperty("data_dir") String dataDir,
            @JsonProperty("text_column") String textColumn, @JsonProperty("tokenizer") String tokenizer,
            @JsonProperty("vocabulary") Integer vocabulary, @JsonProperty("sequence_length") String sequenceLength) {
        /** The settings of {@code o}; the text settings only for text, so other records stay as they were. */
        static Settings of(DataOptions o, boolean text) {
            TextOptions t = o.text();
            return new Settings(o.seed(), o.testFraction(), o.channels(),
                    o.imageSize() == null ? null : o.imageSize().toString(), o.labelColumn(), o.skipRows(),
                    o.normalize(), o.dataDir() == null ? null : o.dataDir().toString(),
                    text ? t.textColumn() : null, text ? t.tokenizer() : null, text ? t.vocabulary() : null,
                    text ? t.sequenceLength().toString() : null);
        }

        DataOptions toOptions(int batchSize) {
            TextOptions t = TextOptions.defaults().withTextColumn(textColumn).withTokenizer(tokenizer)
                    .withSequenceLength(SequenceLength.parse(sequenceLength));
            if (vocabulary != null) {
                t = t.withVocabulary(vocabulary);
            }
            return new DataOptions(dataDir == null ? null : Path.of(dataDir), seed, testFraction, channels,
                    imageSize == null ? null : ImageSize.parse(imageSize), labelColumn, skipRows, normalize, null,
                    batchSize, t);
        }
    }

    public static DataRecord of(DataRequest request, DataProvenance provenance) {
        return new DataRecord(provenance.spec(), provenance.fingerprint(), provenance.inputShape(),
                provenance.classNames(), provenance.normalization(), provenance.splits(), provenance.text(),
                Settings.of(request.options(), request.spec().scheme() == DataSpec.Scheme.TEXT));
    }

    /**
     * The data recorded in a run record's config; a record without a {@code data} block was made on
     * Fashion-MNIST (the only data greendl read before), so that is what it stands for.
     */
    public static DataRecord ofModel(Map<String, Object> config) {
        Object stored = config == null ? null : config.get(KEY);
        if (stored instanceof Map<?, ?>) {
            try {
                return Json.MAPPER.convertValue(stored, DataRecord.class);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the run record's config.data is not a data record: "
                        + Json.firstLine(e.getMessage()));
            }
        }
        return new DataRecord(DataSpec.DEFAULT, null, List.of(1L, (long) FashionMnist.SIDE, (long) FashionMnist.SIDE),
                IntStream.range(0, FashionMnist.CLASSES).mapToObj(Integer::toString).toList(),
                new Normalization(List.of(FashionMnist.MEAN), List.of(FashionMnist.STD), "fashion-mnist"), null, null,
                Settings.of(DataOptions.defaults(), false));
    }

    /** This as a value for a run record's config (plain maps and lists). */
    public Map<String, Object> toConfigValue() {
        return Json.MAPPER.convertValue(this, new TypeReference<Map<String, Object>>() {});
    }

    /** The request that reads this data again, with batches of {@code batchSize}. */
    public DataRequest request(int batchSize) {
        return new DataRequest(DataSpec.parse(spec), options.toOptions(batchSize));
    }

    /**
     * The request that reads this data again as the model in {@code modelDir} saw it: for text, with the
     * tokenizer saved there ({@link TextEncoding#FILE}) when there is one, else rebuilt from the training split
     * (and refused by {@link #check} unless it comes out the same).
     */
    public DataRequest request(int batchSize, Path modelDir) {
        DataRequest r = request(batchSize);
        Path saved = modelDir == null ? null : modelDir.resolve(TextEncoding.FILE);
        if (text == null || saved == null || !java.nio.file.Files.isRegularFile(saved)) {
            return r;
        }
        return r.withOptions(r.options().withText(r.options().text().withSaved(saved)));
    }

    /** The recorded provenance (fingerprint null for older records). */
    public DataProvenance provenance() {
        return new DataProvenance(spec, fingerprint, inputShape, classNames, normalization,
                splits == null ? new SplitSizes(0, 0) : splits, text);
    }

    /** Number of classes the model was made for. */
    public int classes() {
        return classNames.size();
    }

    /**
     * Refuses data that cannot stand in for this (other input shape or classes: {@link IncompatibleDataException}
     * naming both); tells {@code warnings} when the shape and classes agree but the content differs.
     */
    public void check(DataProvenance loaded, Consumer<String> warnings) {
        Optional<String> warning = provenance().compatible(loaded);
        if (fingerprint != null) {
            warning.ifPresent(warnings);
        }
    }
}
