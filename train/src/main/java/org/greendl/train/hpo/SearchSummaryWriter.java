package org.greendl.train.hpo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.greendl.record.AtomicFiles;
import org.greendl.record.Json;

/** Writes {@code search.json} atomically, in the shape the report reads. */
public final class SearchSummaryWriter {
    private static final ObjectMapper JSON = Json.MAPPER;

    private SearchSummaryWriter() {}

    public static ObjectNode toJson(SearchSummary s, Double bestTestAccuracy) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", 1);
        root.put("method", s.method());
        ObjectNode space = root.putObject("space");
        space.put("model", s.space().model());
        space.put("dataset", s.space().dataset());
        space.put("max_epochs", s.space().maxEpochs());
        space.set("params", JSON.valueToTree(s.space().params()));
        var trials = root.putArray("trials");
        for (TrialResult t : s.trials()) {
            ObjectNode n = trials.addObject();
            n.put("id", t.id());
            n.set("config", JSON.valueToTree(t.config()));
            n.put("epochs", t.epochs());
            n.putObject("metrics").put("validation_accuracy", t.validationAccuracy());
            n.put("energy_kwh", t.energyKwh());
            if (t.runDir() != null) {
                n.put("run_dir", t.runDir());
            }
            if (!TrialResult.COMPLETED.equals(t.stopReason())) {
                n.put("stop_reason", t.stopReason());
            }
            if (t.host() != null) {
                n.put("host", t.host());
            }
        }
        if (s.best() != null) {
            ObjectNode best = root.putObject("best");
            best.put("id", s.best().id());
            best.set("config", JSON.valueToTree(s.best().config()));
            best.put("epochs", s.best().epochs());
            ObjectNode m = best.putObject("metrics");
            m.put("validation_accuracy", s.best().validationAccuracy());
            if (bestTestAccuracy != null) {
                m.put("test_accuracy", bestTestAccuracy);
            }
        }
        root.put("total_energy_kwh", s.totalEnergyKwh());
        root.put("stop_reason", s.stopReason());
        return root;
    }

    public static void write(Path file, SearchSummary s, Double bestTestAccuracy) {
        write(file, toJson(s, bestTestAccuracy));
    }

    /** Writes a summary already made by {@link #toJson} (and perhaps added to, e.g. energy per host). */
    public static void write(Path file, ObjectNode summary) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(summary));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
