package org.greendl.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greendl.record.ExportDetails;
import org.greendl.record.Kind;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;
import org.greendl.record.SelectionRecord;
import org.greendl.record.StopReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of run.json, written through the record module, reads back equal to what was written and renders in
 * the report. ({@code search} and {@code bench} write documents of their own, search.json and bench.json, which
 * {@link ReportWriterTest} renders.)
 */
class RecordKindsTest {
    @TempDir Path dir;

    private static final RunRecord.EnergyInfo ENERGY = new RunRecord.EnergyInfo(0.0021, 0.002, 0.0, 0.0001,
            new RunRecord.Sources("rapl", "none", "estimate"));
    private static final RunRecord.EmissionsInfo EMISSIONS = new RunRecord.EmissionsInfo(0.0001, 56.0, "FRA");
    private static final RunRecord.Environment ENVIRONMENT = new RunRecord.Environment("17", "0.36.0",
            "PyTorch 2.7.1", "Test CPU", 2);

    static RunRecord trained(Kind kind) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("epochs", 2);
        config.put("learning_rate", 0.001);
        config.put("strategies", "none");
        RunRecord.EpochRecord epoch = new RunRecord.EpochRecord(1, 10, 640, 0.001, 0.6, 0.78, 0.4, 0.85, 3.5, 3.0,
                213.3, ENERGY, 0.0001);
        return new RunRecord(RunRecord.SCHEMA, kind.id() + "-1", kind == Kind.TRAIN ? null : "train-1", kind.id(),
                "2026-12-04T22:00:00Z", new RunRecord.ModelInfo("cnn", 120000, 2500000, 5000000, 480000, 0.25),
                new RunRecord.Metrics(0.91, 0.3, 0.9, 0.31, 0.92, 0.25), ENERGY, EMISSIONS,
                new RunRecord.TimeInfo(61.5), StopReason.ENERGY_BUDGET.id(), "energy reached the budget", config,
                ENVIRONMENT, List.of(epoch), new RunRecord.TimeToAccuracy(0.85, "validation_accuracy", 1, 3.5, 0.0021));
    }

    static RunRecord exported(Kind kind) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("format", "onnx");
        config.put("opset", 17);
        if (kind == Kind.INT8) {
            config.put("int8", new ExportDetails.Int8(null, null, null, null, null, "minmax", 512, true, 7, 2,
                    List.of(), 0.27, Map.of("QLinearConv", 2)));
        }
        config.put("parity", new ExportDetails.Parity(100, 1e-5, 0.9, kind == Kind.INT8 ? 0.89 : null));
        return new RunRecord(RunRecord.SCHEMA, kind.id() + "-1", "train-1", kind.id(), "2026-12-04T22:00:00Z",
                new RunRecord.ModelInfo("cnn", 120000, 2500000, 5000000, 130000, 0.0), null, null, null,
                new RunRecord.TimeInfo(2.5), StopReason.COMPLETED.id(), null, config, ENVIRONMENT, List.of());
    }

    static SelectionRecord selected(Kind kind) {
        SelectionRecord.Model model = new SelectionRecord.Model("mlp", 235146);
        var metrics = new SelectionRecord.Metrics(0.8, kind == Kind.ACTIVE_LEARN ? 300 : null);
        var epochs = List.of(new SelectionRecord.EpochPoint(1, 1000, 0.7, 2.0, new SelectionRecord.EpochEnergy(1e-4)),
                new SelectionRecord.EpochPoint(2, 1000, 0.8, 2.0, new SelectionRecord.EpochEnergy(1e-4)));
        Map<String, Object> config = new LinkedHashMap<>(Map.of("seed", 42));
        return switch (kind) {
            case ACTIVE_LEARN -> new SelectionRecord(1, "al", null, kind.id(), "active-learn · entropy", "t", model,
                    ENVIRONMENT, SelectionRecord.StopDetail.of(null), metrics,
                    new SelectionRecord.Energy(0.001, Map.of("cpu", "rapl"), 1e-4, null, null, null, null, null),
                    EMISSIONS, new RunRecord.TimeInfo(9.0), StopReason.WAITING_FOR_LABELS.id(), null, null, null, null,
                    config, List.of(new SelectionRecord.CurvePoint(0, 100, 0.6, 5e-4, 5e-5, 4.0),
                            new SelectionRecord.CurvePoint(1, 300, 0.8, 1e-3, 1e-4, 9.0)));
            case PRUNE_DATA -> new SelectionRecord(1, "pd", null, kind.id(), "prune-data · el2n", "t", model,
                    ENVIRONMENT, null, metrics,
                    new SelectionRecord.Energy(0.001, Map.of(), null, null, 2e-4, 8e-4, null, null), null,
                    new RunRecord.TimeInfo(5.0), StopReason.COMPLETED.id(),
                    new SelectionRecord.Pruning(500, 1000, 0.5, 0.82, 0.0016, 8.0, 0.625, 2.0, null, null), null,
                    null, null, config, null);
            case CURRICULUM, TRANSFER -> new SelectionRecord(1, kind.id(), null, kind.id(), kind.id() + " · x", "t",
                    model, ENVIRONMENT, null, metrics,
                    new SelectionRecord.Energy(3e-4, Map.of(), null, 1e-4, null, 2e-4, null, null), EMISSIONS,
                    new RunRecord.TimeInfo(5.0), StopReason.COMPLETED.id(), null, epochs,
                    new SelectionRecord.Preparation("scoring", 1e-4, 1.0, 1000, null),
                    new SelectionRecord.Comparison("scratch", "scratch/run.json", 0.78, 2e-4, 4.0, 2.0, 1.5, 1.0,
                            2000, 2000), config, null);
            default -> throw new IllegalArgumentException(kind.id());
        };
    }

    @Test
    void everyKindRoundTripsAndRenders() throws IOException {
        Set<Kind> written = EnumSet.noneOf(Kind.class);
        List<String> labels = new ArrayList<>();
        for (Kind kind : List.of(Kind.TRAIN, Kind.FINE_TUNE, Kind.PRUNE, Kind.DISTILL, Kind.FACTORIZE, Kind.QAT)) {
            RunRecord r = trained(kind);
            Path file = dir.resolve(kind.id()).resolve("run.json");
            RunRecords.write(file, r);
            assertEquals(r, RunRecords.read(file), kind.id());
            written.add(kind);
        }
        for (Kind kind : List.of(Kind.EXPORT, Kind.INT8)) {
            RunRecord r = exported(kind);
            Path file = dir.resolve(kind.id()).resolve("run.json");
            RunRecords.write(file, r);
            RunRecord back = RunRecords.read(file);
            // The typed export blocks come back as JSON maps inside the free-form config: compare as JSON,
            // and convert them back to their types.
            assertEquals(RunRecords.toJson(r), RunRecords.toJson(back), kind.id());
            assertEquals(r.config().get("parity"), ExportDetails.parity(
                    RunRecords.mapper().valueToTree(back.config().get("parity"))), kind.id());
            if (kind == Kind.INT8) {
                assertEquals(r.config().get("int8"), ExportDetails.int8(
                        RunRecords.mapper().valueToTree(back.config().get("int8"))));
            }
            written.add(kind);
        }
        for (Kind kind : List.of(Kind.ACTIVE_LEARN, Kind.PRUNE_DATA, Kind.CURRICULUM, Kind.TRANSFER)) {
            SelectionRecord r = selected(kind);
            Path file = dir.resolve(kind.id()).resolve("run.json");
            RunRecords.write(file, r);
            assertEquals(r, RunRecords.readSelection(file), kind.id());
            labels.add(r.label());
            written.add(kind);
        }
        assertEquals(EnumSet.complementOf(EnumSet.of(Kind.SEARCH, Kind.BENCH)), written,
                "every kind that writes a run.json is covered");

        String html = Files.readString(ReportWriter.write(dir));
        RunFolder folder = RunFolder.read(dir);
        assertEquals(written.size(), folder.runs().size(), "one summary per record");
        for (RunSummary s : folder.runs()) {
            assertTrue(written.contains(Kind.fromId(s.kind())), s.kind());
        }
        for (String label : labels) {
            assertTrue(html.contains(label.replace("·", "&middot;")) || html.contains(label), label);
        }
        assertTrue(html.contains("80.00 %"), "accuracies are shown");
    }
}
