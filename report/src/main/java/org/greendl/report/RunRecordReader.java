package org.greendl.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.greendl.record.RunRecords;

/** Turns run-record JSON into {@link RunSummary} values. Missing fields become nulls, never zeros. */
public final class RunRecordReader {
    private RunRecordReader() {}

    /** A record's JSON, read by the record module's reader; any problem is one line naming the file. */
    public static JsonNode readTree(Path file) {
        return RunRecords.readTree(file);
    }

    public static RunSummary summarize(JsonNode r) {
        JsonNode model = r.path("model");
        JsonNode energy = r.path("energy");
        JsonNode sources = energy.path("sources");
        String kind = text(r, "kind");
        String name = text(model, "name");
        String label = text(r, "label");
        if (label == null) {
            label = (kind == null ? "run" : kind) + (name == null ? "" : " · " + name);
        }
        JsonNode inf = r.path("inference");
        RunSummary.Inference inference = inf.isObject()
                ? new RunSummary.Inference(
                        num(inf, "latency_ms_b1_p50"), num(inf, "latency_ms_b64_p50"),
                        num(inf, "throughput_b64"), num(inf, "energy_kwh_per_1k"))
                : null;
        return new RunSummary(
                text(r, "id"), kind, label, name,
                num(r.path("metrics"), "test_accuracy"),
                lng(model, "params"), macs(model, inf), lng(model, "bytes"), num(model, "sparsity"),
                num(energy, "total_kwh"), num(r.path("emissions"), "total_kg"), num(r.path("time"), "wall_s"),
                text(sources, "cpu"), text(sources, "gpu"), text(sources, "ram"),
                text(r, "stop_reason"), text(r, "error"), inference, curve(r), r);
    }

    /**
     * MACs per image: for early exits the average over where the served images left (the record's
     * {@code inference.early_exit.macs_per_inference}), else the model's fixed count.
     */
    static Long macs(JsonNode model, JsonNode inference) {
        JsonNode average = inference.path("early_exit").path("macs_per_inference");
        return average.isNumber() ? Long.valueOf(Math.round(average.asDouble())) : lng(model, "macs");
    }

    /** A learning curve from "curve" (labels) or else from per-epoch entries ("epochs"). */
    static List<RunSummary.CurvePoint> curve(JsonNode r) {
        List<RunSummary.CurvePoint> points = new ArrayList<>();
        if (r.path("curve").isArray()) {
            for (JsonNode p : r.get("curve")) {
                Double x = num(p, "labels");
                if (x != null) {
                    points.add(new RunSummary.CurvePoint(x, num(p, "test_accuracy"), num(p, "energy_kwh")));
                }
            }
        } else if (r.path("epochs").isArray()) {
            int i = 0;
            double cumulative = 0;
            for (JsonNode p : r.get("epochs")) {
                i++;
                Double acc = firstNum(p, "validation_accuracy", "val_accuracy", "test_accuracy", "train_accuracy");
                Double e = firstNum(p, "energy_kwh", "total_kwh");
                if (e == null && p.path("energy").isObject()) {
                    e = num(p.get("energy"), "total_kwh");
                }
                if (e != null) {
                    cumulative += e;
                }
                Double epoch = num(p, "epoch");
                points.add(new RunSummary.CurvePoint(epoch == null ? i : epoch, acc, e == null ? null : cumulative));
            }
        }
        return points;
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    /**
     * A number, or null when absent, not a number or beyond what a chart can scale (NaN, infinities, values near
     * Double.MAX_VALUE that overflow once summed): a damaged record must not take the whole report down.
     */
    static Double num(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isNumber()) {
            return null;
        }
        double d = v.asDouble();
        return Double.isFinite(d) && Math.abs(d) < 1e100 ? d : null;
    }

    static Double firstNum(JsonNode n, String... fields) {
        for (String f : fields) {
            Double v = num(n, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static Long lng(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asLong() : null;
    }

    static boolean exists(Path p) {
        return Files.isRegularFile(p);
    }
}
