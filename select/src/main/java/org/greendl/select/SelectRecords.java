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
import org.greendl.record.AtomicFiles;
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
                .put("rounds", s.rounds()).put("batch_size", s.batchSize())
                .put("learning_rate", s.learningRate()).put("seed", s.seed()).put("warm_start", s.warmStart())
                .put("mc_passes", s.mcPasses()).put("mc_dropout_rate", s.mcDropoutRate())
                .put("candidates", s.candidates()).put("pool", state.pool().length)
                .put("steps_per_round", s.steps()).put("lr_schedule", s.lrSchedule());
        if (s.steps() == 0) {
            config.put("epochs", s.epochs()); // with a step budget the epochs option is not used
        }
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
        ObjectNode r = base(id, "prune-data", "prune-data · " + s.score() + " " + s.policy() + (s.classBalanced() ? " balanced" : "") + " keep " + s.keep() + " · " + s.model() + " · seed " + s.seed(),
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
                .put("baseline", s.withBaseline()).put("policy", s.policy()).put("class_balanced", s.classBalanced())
                .put("score_runs", s.scoreRuns()).put("score_every_epoch", s.everyEpoch())
                .put("lr_schedule", s.lrSchedule()).put("augment", s.augment());
        extraConfig.forEach((k, v) -> config.putPOJO(k, v));
        return r;
    }

    /**
     * The record of a technique compared with training from scratch ({@code kind} {@code curriculum} or
     * {@code transfer}): per-epoch {@code "epochs"} (test accuracy and energy after each, for the report's learning
     * curves), the preparation ({@code preparationWhat}: {@code scoring} or {@code pretraining}) with its energy in
     * the total, and a {@code "comparison"} block against the scratch run, whose own record is
     * {@code scratchRecord} (relative to this one's folder).
     */
    public static ObjectNode versus(String id, String kind, String label, String model, Versus v,
            String preparationWhat, String scratchRecord, EnergyClock clock, Map<String, Object> config) {
        ObjectNode r = base(id, kind, label, model);
        r.putObject("metrics").put("test_accuracy", v.technique().testAccuracy());
        ObjectNode e = energy(r, v.totalKwh(), clock);
        e.put("preparation_kwh", v.preparation().kwh()).put("train_kwh", v.technique().kwh());
        r.putObject("time").put("wall_s", v.totalSeconds());
        r.put("stop_reason", "completed");
        epochs(r, v.technique());
        ObjectNode prep = r.putObject("preparation");
        prep.put("what", preparationWhat).put("energy_kwh", v.preparation().kwh())
                .put("wall_s", v.preparation().seconds()).put("examples", v.preparation().examples());
        if (!v.preparation().epochs().isEmpty()) {
            epochs(prep, v.preparation());
        }
        ObjectNode c = r.putObject("comparison");
        c.put("baseline", "scratch").put("baseline_record", scratchRecord)
                .put("baseline_test_accuracy", v.scratch().testAccuracy()).put("baseline_kwh", v.scratch().kwh())
                .put("baseline_wall_s", v.scratch().seconds()).put("gain_points", v.comparison().gainPoints())
                .put("energy_ratio", v.comparison().energyRatio())
                .put("energy_ratio_without_preparation", v.technique().kwh() / v.scratch().kwh())
                .put("examples", v.technique().examples()).put("baseline_examples", v.scratch().examples());
        ObjectNode cfg = r.putObject("config");
        config.forEach(cfg::putPOJO);
        return r;
    }

    /** The record of the from-scratch side of a comparison ({@code kind} {@code train}), with its epochs. */
    public static ObjectNode scratch(String id, String label, String model, Arm a, EnergyClock clock,
            Map<String, Object> config) {
        ObjectNode r = base(id, "train", label, model);
        r.putObject("metrics").put("test_accuracy", a.testAccuracy());
        energy(r, a.kwh(), clock).put("train_kwh", a.kwh());
        r.putObject("time").put("wall_s", a.seconds());
        r.put("stop_reason", "completed");
        epochs(r, a);
        ObjectNode cfg = r.putObject("config");
        config.forEach(cfg::putPOJO);
        return r;
    }

    private static void epochs(ObjectNode into, Arm a) {
        ArrayNode epochs = into.putArray("epochs");
        for (EpochPoint p : a.epochs()) {
            ObjectNode o = epochs.addObject();
            o.put("epoch", p.epoch()).put("examples", p.examples());
            if (Double.isNaN(p.testAccuracy())) {
                o.putNull("test_accuracy");
            } else {
                o.put("test_accuracy", p.testAccuracy());
            }
            o.put("wall_s", p.seconds());
            o.putObject("energy").put("total_kwh", p.kwh());
        }
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
