package org.greendl.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the report shows of one run record: read leniently, because the report must render records from
 * every command (train, prune, search, bench...) and from older schema versions without re-running anything.
 *
 * @param node the whole record, for fields only some kinds have
 */
public record RunSummary(
        String id,
        String kind,
        String label,
        String modelName,
        Double testAccuracy,
        Long params,
        Long macs,
        Long bytes,
        Double sparsity,
        Double energyKwh,
        Double emissionsKg,
        Double wallSeconds,
        String cpuSource,
        String gpuSource,
        String ramSource,
        String stopReason,
        String error,
        Inference inference,
        List<CurvePoint> curve,
        JsonNode node) {

    /** Inference figures a bench variant adds; null fields when absent. */
    public record Inference(Double latencyMsB1, Double latencyMsB64, Double throughputB64, Double energyKwhPer1k) {}

    /** One point of a learning curve: x (epoch, labels or cumulative energy) against accuracy. */
    public record CurvePoint(double x, Double accuracy, Double energyKwh) {}

    public boolean failed() {
        return error != null;
    }

    /** Whether any energy figure of this run is an estimate rather than a counter reading. */
    public boolean energyEstimated() {
        return "estimate".equals(cpuSource) || "estimate".equals(gpuSource) || "estimate".equals(ramSource);
    }
}
