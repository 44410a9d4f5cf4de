package org.greendl.record;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * A run record ({@code run.json}, schema 1): what ran, what it cost and what it achieved. Field by field in
 * {@code docs/run-record.md}. Units: accuracy as a fraction, energy in kWh, emissions in kg CO2eq, time in
 * seconds. Read and write with {@link RunRecords}; unknown fields are ignored on reading so newer writers
 * stay readable.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunRecord(int schema, String id, String parent, String kind, String created, ModelInfo model,
        Metrics metrics, EnergyInfo energy, EmissionsInfo emissions, TimeInfo time, String stopReason,
        String stopDetail, Map<String, Object> config, Environment environment, List<EpochRecord> epochs,
        TimeToAccuracy timeToAccuracy) {

    public static final int SCHEMA = 1;

    /** A record without a time-to-accuracy figure (runs that do not train). */
    public RunRecord(int schema, String id, String parent, String kind, String created, ModelInfo model,
            Metrics metrics, EnergyInfo energy, EmissionsInfo emissions, TimeInfo time, String stopReason,
            String stopDetail, Map<String, Object> config, Environment environment, List<EpochRecord> epochs) {
        this(schema, id, parent, kind, created, model, metrics, energy, emissions, time, stopReason, stopDetail,
                config, environment, epochs, null);
    }

    /**
     * Energy and time to accuracy (ETA / TTA): the first epoch whose {@code basis} accuracy reached {@code target},
     * and the wall time and energy of the run up to the end of that epoch (training and validation, summed over
     * the epochs). The whole object is null when the target was never reached.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TimeToAccuracy(double target, String basis, int epoch, double wallS, double energyKwh) {
        /**
         * The first epoch whose validation accuracy (training accuracy for epochs without validation) reached
         * {@code target}, or null when none did.
         */
        public static TimeToAccuracy of(List<EpochRecord> epochs, double target) {
            double wall = 0;
            double kwh = 0;
            for (EpochRecord e : epochs) {
                wall += e.wallS();
                kwh += e.energy() == null ? 0 : e.energy().totalKwh();
                boolean validated = e.validationAccuracy() != null;
                double accuracy = validated ? e.validationAccuracy() : e.trainAccuracy();
                if (accuracy >= target) {
                    return new TimeToAccuracy(target, validated ? "validation_accuracy" : "train_accuracy",
                            e.epoch(), wall, kwh);
                }
            }
            return null;
        }
    }

    /** The model: its name and size. {@code macs}/{@code flops} are per example (one forward pass). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ModelInfo(String name, long params, long macs, long flops, long bytes, double sparsity) {}

    /** What the run achieved; a value is null when not measured (e.g. no test set). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Metrics(Double testAccuracy, Double testLoss, Double validationAccuracy, Double validationLoss,
            Double trainAccuracy, Double trainLoss) {}

    /** Where each energy figure came from: {@code rapl}, {@code nvml}, {@code estimate} or {@code none}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sources(String cpu, String gpu, String ram) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EnergyInfo(double totalKwh, double cpuKwh, double gpuKwh, double ramKwh, Sources sources) {
        public static final EnergyInfo ZERO = new EnergyInfo(0, 0, 0, 0, new Sources("none", "none", "none"));

        public EnergyInfo plus(EnergyInfo o) {
            return new EnergyInfo(totalKwh + o.totalKwh, cpuKwh + o.cpuKwh, gpuKwh + o.gpuKwh, ramKwh + o.ramKwh,
                    o.sources == null || "none".equals(o.sources.cpu()) ? sources : o.sources);
        }

        public EnergyInfo minus(EnergyInfo o) {
            return new EnergyInfo(totalKwh - o.totalKwh, cpuKwh - o.cpuKwh, gpuKwh - o.gpuKwh, ramKwh - o.ramKwh,
                    sources);
        }
    }

    /** Emissions in kg CO2eq, the intensity used and its country; fields in the documented order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"total_kg", "intensity_g_per_kwh", "country_iso_code"})
    public record EmissionsInfo(double totalKg,
            // Snake case would make "intensity_gper_kwh"; the documented name (and the one records written
            // before this fix used) is read too.
            @JsonProperty("intensity_g_per_kwh") @JsonAlias("intensity_gper_kwh") double intensityGPerKwh,
            String countryIsoCode) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TimeInfo(double wallS) {}

    /**
     * Where the run ran: Java, DJL and engine versions, CPU, threads, greendl's version and the OS
     * ({@code os.name os.version}). The last two are null in records written before they were added.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Environment(String java, String djl, String engine, String cpuModel, int threads, String greendl,
            String os) {
        /** This greendl and this OS, with the given engine facts. */
        public Environment(String java, String djl, String engine, String cpuModel, int threads) {
            this(java, djl, engine, cpuModel, threads, GreendlVersion.current(), currentOs());
        }

        public static String currentOs() {
            return System.getProperty("os.name") + " " + System.getProperty("os.version");
        }
    }

    /**
     * One epoch: its cost (energy by component, emissions, wall time, training throughput) and its losses and
     * accuracies. {@code steps} counts the optimizer steps taken in the epoch (fewer than the batches when a
     * budget stopped it early).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EpochRecord(int epoch, int steps, long examples, double learningRate, double trainLoss,
            double trainAccuracy, Double validationLoss, Double validationAccuracy, double wallS, double trainS,
            double throughputExamplesPerS, EnergyInfo energy, double emissionsKg) {}

    /** A copy with other metrics. */
    public RunRecord withMetrics(Metrics m) {
        return new RunRecord(schema, id, parent, kind, created, model, m, energy, emissions, time, stopReason,
                stopDetail, config, environment, epochs, timeToAccuracy);
    }

    /** A copy with another model block (e.g. after pruning changed its size). */
    public RunRecord withModel(ModelInfo m) {
        return new RunRecord(schema, id, parent, kind, created, m, metrics, energy, emissions, time, stopReason,
                stopDetail, config, environment, epochs, timeToAccuracy);
    }
}
