package org.greendl.train;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
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
        String stopDetail, Map<String, Object> config, Environment environment, List<EpochRecord> epochs) {

    public static final int SCHEMA = 1;

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

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record EmissionsInfo(double totalKg, double intensityGPerKwh, String countryIsoCode) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TimeInfo(double wallS) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Environment(String java, String djl, String engine, String cpuModel, int threads) {}

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
                stopDetail, config, environment, epochs);
    }

    /** A copy with another model block (e.g. after pruning changed its size). */
    public RunRecord withModel(ModelInfo m) {
        return new RunRecord(schema, id, parent, kind, created, m, metrics, energy, emissions, time, stopReason,
                stopDetail, config, environment, epochs);
    }
}
