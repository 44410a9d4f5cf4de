package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.greendl.record.AtomicFiles;

/** {@code results.csv}: one row per variant, the figures of the summary table, for spreadsheets. */
final class ResultsCsv {
    static final List<String> COLUMNS = List.of("variant", "kind", "test_accuracy", "params", "macs", "bytes",
            "sparsity", "runtime", "latency_ms_b1_p50", "latency_ms_b64_p50", "throughput_b64", "energy_kwh_per_1k",
            "making_energy_kwh", "making_emissions_kg", "energy_source", "break_even_inferences", "error",
            "macs_per_inference");

    private ResultsCsv() {}

    /** MACs one image costs: averaged over where images left for early exits, else the fixed count. */
    static JsonNode macsPerInference(JsonNode v) {
        JsonNode average = v.at("/inference/early_exit/macs_per_inference");
        return average.isNumber() ? average : v.at("/model/macs");
    }

    static void write(Path file, Collection<ObjectNode> variants) {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (ObjectNode v : variants) {
            JsonNode inf = v.path("inference");
            cells(b, v.path("label"), v.path("kind"), v.at("/metrics/test_accuracy"), v.at("/model/params"),
                    v.at("/model/macs"), v.at("/model/bytes"), v.at("/model/sparsity"), inf.path("runtime"),
                    inf.path("latency_ms_b1_p50"),
                    inf.path("latency_ms_b64_p50"), inf.path("throughput_b64"), inf.path("energy_kwh_per_1k"),
                    v.at("/energy/total_kwh"), v.at("/emissions/total_kg"), v.at("/energy/sources/cpu"),
                    v.path("break_even_inferences"), v.path("error"), macsPerInference(v));
        }
        try {
            AtomicFiles.writeString(file, b.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void cells(StringBuilder b, JsonNode... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            JsonNode v = values[i];
            if (v.isMissingNode() || v.isNull()) {
                continue;
            }
            String s = v.asText();
            b.append(s.contains(",") || s.contains("\"") || s.contains("\n")
                    ? '"' + s.replace("\"", "\"\"") + '"' : s);
        }
        b.append('\n');
    }
}
