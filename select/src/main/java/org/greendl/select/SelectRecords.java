package org.greendl.select;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.train.Environments;
import org.greendl.select.active.ActiveLearningSettings;
import org.greendl.select.active.CurvePoint;
import org.greendl.select.active.PoolState;
import org.greendl.select.scoring.PruneResult;
import org.greendl.select.scoring.PruneSettings;

/**
 * The run records (run.json, schema 1, see docs/run-record.md) of the data-selection commands: kind
 * {@code active-learn} with a learning {@code "curve"}, kind {@code prune-data} with its scoring and training
 * energy apart. Written atomically after every round, so a killed run leaves its partial curve.
 */
public final class SelectRecords {
    private SelectRecords() {}

    public static ObjectNode activeLearning(String id, ActiveLearningSettings s, PoolState state, String stopReason,
            EnergyClock clock, Map<String, Object> extraConfig) {
        ObjectNode r = base(id, "active-learn", "active-learn · " + s.strategy() + " · " + s.model() + " · seed " + s.seed(),
                s.model());
        r.put("stop_detail", stopDetail(stopReason, state));
        CurvePoint last = state.curve().isEmpty() ? null : state.curve().get(state.curve().size() - 1);
        ObjectNode metrics = r.putObject("metrics");
        if (last != null) {
            metrics.put("test_accuracy", last.testAccuracy());
            metrics.put("labels", last.labels());
        }
        double total = Math.max(state.priorEnergyKwh(), last == null ? 0 : last.energyKwh());
        energy(r, total, clock).put("selection_kwh", state.priorSelectionKwh());
        r.putObject("time").put("wall_s", state.priorWallS());
        r.put("stop_reason", stopReason);
        ObjectNode config = r.putObject("config");
        config.put("strategy", s.strategy()).put("initial", s.initial()).put("query", s.query())
                .put("rounds", s.rounds()).put("epochs", s.epochs()).put("batch_size", s.batchSize())
                .put("learning_rate", s.learningRate()).put("seed", s.seed()).put("warm_start", s.warmStart())
                .put("mc_passes", s.mcPasses()).put("mc_dropout_rate", s.mcDropoutRate())
                .put("candidates", s.candidates()).put("pool", state.pool().length);
        extraConfig.forEach((k, v) -> config.putPOJO(k, v));
        ArrayNode curve = r.putArray("curve");
        for (CurvePoint p : state.curve()) {
            curve.addObject().put("round", p.round()).put("labels", p.labels()).put("test_accuracy", p.testAccuracy())
                    .put("energy_kwh", p.energyKwh()).put("selection_kwh", p.selectionKwh()).put("wall_s", p.wallS());
        }
        return r;
    }

    public static ObjectNode pruning(String id, PruneSettings s, PruneResult res, EnergyClock clock,
            Map<String, Object> extraConfig) {
        ObjectNode r = base(id, "prune-data", "prune-data · " + s.score() + " keep " + s.keep() + " · " + s.model() + " · seed " + s.seed(),
                s.model());
        r.putObject("metrics").put("test_accuracy", res.testAccuracy());
        ObjectNode e = energy(r, res.totalKwh(), clock);
        e.put("scoring_kwh", res.scoringKwh()).put("train_kwh", res.trainKwh());
        if (!Double.isNaN(res.scoringCpuKwh())) {
            e.put("cpu_kwh", res.scoringCpuKwh() + res.trainCpuKwh()).put("scoring_cpu_kwh", res.scoringCpuKwh());
        }
        r.putObject("time").put("wall_s", res.scoringS() + res.trainS());
        r.put("stop_reason", "completed");
        ObjectNode pruning = r.putObject("pruning");
        pruning.put("kept", res.kept()).put("of", res.of()).put("keep", s.keep());
        if (!Double.isNaN(res.fullKwh())) {
            pruning.put("full_test_accuracy", res.fullTestAccuracy()).put("full_kwh", res.fullKwh())
                    .put("full_wall_s", res.fullS()).put("energy_ratio", res.energyRatio())
                    .put("accuracy_cost_points", res.accuracyCostPoints());
            if (!Double.isNaN(res.fullCpuKwh())) {
                pruning.put("full_cpu_kwh", res.fullCpuKwh()).put("cpu_energy_ratio", res.cpuEnergyRatio());
            }
        }
        ObjectNode config = r.putObject("config");
        config.put("score", s.score()).put("keep", s.keep()).put("skip_hardest", s.skipHardest())
                .put("epochs", s.epochs()).put("score_model", s.scoreModel()).put("score_epochs", s.scoreEpochs())
                .put("batch_size", s.batchSize()).put("learning_rate", s.learningRate()).put("seed", s.seed())
                .put("baseline", s.withBaseline());
        extraConfig.forEach((k, v) -> config.putPOJO(k, v));
        return r;
    }

    private static String stopDetail(String stopReason, PoolState state) {
        return switch (stopReason) {
            case "waiting-for-labels" -> state.pending().length + " queries of round " + state.round()
                    + " wait for labels";
            case "interrupted" -> "stopped (or still running) after round " + state.round()
                    + "; rerun with the same --out to resume";
            default -> null;
        };
    }

    public static void write(Path file, ObjectNode record) throws IOException {
        AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(record));
    }

    private static ObjectNode base(String id, String kind, String label, String model) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("schema", 1).put("id", id).putNull("parent").put("kind", kind).put("label", label);
        r.put("created", Instant.now().toString());
        r.putObject("model").put("name", model).put("params", params(model));
        r.set("environment", Json.MAPPER.valueToTree(Environments.current()));
        return r;
    }

    /** Parameter count of a zoo model (built, not trained). */
    private static long params(String model) {
        Block block = ModelZoo.build(model);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, ModelZoo.defaultInput(model));
            long n = 0;
            for (var p : block.getParameters()) {
                // torchvision's count: batch-norm running statistics are not parameters (docs/run-record.md)
                var type = p.getValue().getType();
                if (type != ai.djl.nn.Parameter.Type.RUNNING_MEAN && type != ai.djl.nn.Parameter.Type.RUNNING_VAR) {
                    n += p.getValue().getArray().size();
                }
            }
            return n;
        }
    }

    private static ObjectNode energy(ObjectNode r, double totalKwh, EnergyClock clock) {
        ObjectNode e = r.putObject("energy");
        e.put("total_kwh", totalKwh);
        ObjectNode sources = e.putObject("sources");
        clock.sources().forEach(sources::put);
        double kgPerKwh = clock.kgPerKwh();
        if (!Double.isNaN(kgPerKwh)) {
            r.putObject("emissions").put("total_kg", totalKwh * kgPerKwh)
                    .put("intensity_g_per_kwh", kgPerKwh * 1000).put("country_iso_code", clock.countryIso());
        }
        return e;
    }
}
