package org.greendl.record;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The run record of the data-selection kinds ({@code active-learn}, {@code prune-data}, {@code curriculum},
 * {@code transfer}, and the {@code train} run from scratch beside the last two): the core of {@link RunRecord}
 * without the blocks these runs do not measure, plus one typed block per kind. A block a kind does not have is
 * left out of the JSON (not written as null), as are the energy figures a kind does not split out.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SelectionRecord(int schema, String id, @JsonInclude(JsonInclude.Include.ALWAYS) String parent,
        String kind, String label, String created, Model model, RunRecord.Environment environment,
        StopDetail stopDetail, Metrics metrics, Energy energy, RunRecord.EmissionsInfo emissions,
        RunRecord.TimeInfo time, String stopReason, Pruning pruning, List<EpochPoint> epochs, Preparation preparation,
        Comparison comparison, Map<String, Object> config, List<CurvePoint> curve) {

    /** The model: its zoo name and parameter count (these runs are not profiled). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Model(String name, long params) {}

    /**
     * The stop detail of an active-learning record, written even when it has no text (then as null), which the
     * other kinds leave out entirely.
     */
    @JsonDeserialize(using = StopDetail.Reader.class)
    public record StopDetail(@JsonValue String text) {
        @JsonCreator
        public static StopDetail of(String text) {
            return new StopDetail(text);
        }

        /** Reads null as a detail without text, and an absent field as no detail. */
        static final class Reader extends JsonDeserializer<StopDetail> {
            @Override
            public StopDetail deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return new StopDetail(p.getValueAsString());
            }

            @Override
            public StopDetail getNullValue(DeserializationContext ctxt) {
                return new StopDetail(null);
            }

            @Override
            public Object getAbsentValue(DeserializationContext ctxt) {
                return null;
            }
        }
    }

    /** The final test accuracy, and for active learning the labels it took. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Metrics(Double testAccuracy, Integer labels) {}

    /**
     * Energy of the whole run and, per kind, its parts: {@code selection_kwh} (choosing queries),
     * {@code preparation_kwh} (scoring or pre-training), {@code scoring_kwh}, {@code train_kwh}, and the CPU's
     * share when measured ({@code cpu_kwh}, {@code scoring_cpu_kwh}). {@code sources} as in {@link RunRecord}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Energy(double totalKwh, Map<String, String> sources, Double selectionKwh, Double preparationKwh,
            Double scoringKwh, Double trainKwh, Double cpuKwh, Double scoringCpuKwh) {
        public static Energy of(double totalKwh, Map<String, String> sources) {
            return new Energy(totalKwh, sources, null, null, null, null, null, null);
        }
    }

    /** Data pruning: how much was kept and, with the full-data baseline, what that saved and cost. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pruning(int kept, int of, double keep, Double fullTestAccuracy, Double fullKwh, Double fullWallS,
            Double energyRatio, Double accuracyCostPoints, Double fullCpuKwh, Double cpuEnergyRatio) {}

    /** One epoch of a curriculum, transfer or scratch run; test accuracy null when not evaluated. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EpochPoint(int epoch, long examples, Double testAccuracy, double wallS, EpochEnergy energy) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EpochEnergy(double totalKwh) {}

    /** What was done before training ({@code scoring} or {@code pretraining}), its cost, and its epochs if any. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preparation(String what, double energyKwh, double wallS, long examples, List<EpochPoint> epochs) {}

    /** The technique against training from scratch, whose own record is {@code baseline_record}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Comparison(String baseline, String baselineRecord, double baselineTestAccuracy, double baselineKwh,
            double baselineWallS, double gainPoints, double energyRatio, double energyRatioWithoutPreparation,
            long examples, long baselineExamples) {}

    /** One round of active learning, cumulative over the loop. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record CurvePoint(int round, int labels, double testAccuracy, double energyKwh, double selectionKwh,
            double wallS) {}
}
