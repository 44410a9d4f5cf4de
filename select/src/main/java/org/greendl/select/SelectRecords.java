package org.greendl.select;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import org.greendl.meter.unit.Energy;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.record.Kind;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;
import org.greendl.record.SelectionRecord;
import org.greendl.record.StopReason;
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

    /** As {@link #activeLearning(String, ActiveLearningSettings, PoolState, String, EnergyClock, Map, InputSpec)} on the model's default input. */
    public static SelectionRecord activeLearning(String id, ActiveLearningSettings s, PoolState state,
            String stopReason, EnergyClock clock, Map<String, Object> extraConfig) {
        return activeLearning(id, s, state, stopReason, clock, extraConfig, null);
    }

    /** The active-learning record; the model's parameters are counted as sized for {@code input} (null: its default). */
    public static SelectionRecord activeLearning(String id, ActiveLearningSettings s, PoolState state,
            String stopReason, EnergyClock clock, Map<String, Object> extraConfig, InputSpec input) {
        CurvePoint last = state.curve().isEmpty() ? null : state.curve().get(state.curve().size() - 1);
        SelectionRecord.Metrics metrics = last == null ? new SelectionRecord.Metrics(null, null)
                : new SelectionRecord.Metrics(last.testAccuracy(), last.labels());
        double total = Math.max(state.priorEnergyKwh(), last == null ? 0 : last.energyKwh());
        SelectionRecord.Energy energy = new SelectionRecord.Energy(total, clock.sources(),
                state.priorSelectionKwh(), null, null, null, null, null);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("strategy", s.strategy());
        config.put("initial", s.initial());
        config.put("query", s.query());
        config.put("rounds", s.rounds());
        config.put("batch_size", s.batchSize());
        config.put("learning_rate", s.learningRate());
        config.put("seed", s.seed());
        config.put("warm_start", s.warmStart());
        config.put("mc_passes", s.mcPasses());
        config.put("mc_dropout_rate", s.mcDropoutRate());
        config.put("candidates", s.candidates());
        config.put("pool", state.pool().length);
        config.put("steps_per_round", s.steps());
        config.put("lr_schedule", s.lrSchedule());
        if (s.steps() == 0) {
            config.put("epochs", s.epochs()); // with a step budget the epochs option is not used
        }
        config.putAll(extraConfig);
        List<SelectionRecord.CurvePoint> curve = new ArrayList<>();
        for (CurvePoint p : state.curve()) {
            curve.add(new SelectionRecord.CurvePoint(p.round(), p.labels(), p.testAccuracy(), p.energyKwh(),
                    p.selectionKwh(), p.wallS()));
        }
        return new SelectionRecord(RunRecord.SCHEMA, id, null, Kind.ACTIVE_LEARN.id(),
                "active-learn · " + s.strategy() + " · " + s.model() + " · seed " + s.seed(), created(),
                model(s.model(), input), Environments.current(), SelectionRecord.StopDetail.of(stopDetail(stopReason, state)),
                metrics, energy, emissions(total, clock), new RunRecord.TimeInfo(state.priorWallS()), stopReason,
                null, null, null, null, config, curve);
    }

    /** As {@link #pruning(String, PruneSettings, PruneResult, EnergyClock, Map, InputSpec)} on the model's default input. */
    public static SelectionRecord pruning(String id, PruneSettings s, PruneResult res, EnergyClock clock,
            Map<String, Object> extraConfig) {
        return pruning(id, s, res, clock, extraConfig, null);
    }

    /** The data-pruning record; the model's parameters are counted as sized for {@code input} (null: its default). */
    public static SelectionRecord pruning(String id, PruneSettings s, PruneResult res, EnergyClock clock,
            Map<String, Object> extraConfig, InputSpec input) {
        boolean cpu = !Double.isNaN(res.scoringCpuKwh());
        SelectionRecord.Energy energy = new SelectionRecord.Energy(res.totalKwh(), clock.sources(), null, null,
                res.scoringKwh(), res.trainKwh(), cpu ? res.scoringCpuKwh() + res.trainCpuKwh() : null,
                cpu ? res.scoringCpuKwh() : null);
        boolean baseline = !Double.isNaN(res.fullKwh());
        boolean baselineCpu = baseline && !Double.isNaN(res.fullCpuKwh());
        SelectionRecord.Pruning pruning = new SelectionRecord.Pruning(res.kept(), res.of(), s.keep(),
                baseline ? res.fullTestAccuracy() : null, baseline ? res.fullKwh() : null,
                baseline ? res.fullS() : null, baseline ? res.energyRatio() : null,
                baseline ? res.accuracyCostPoints() : null, baselineCpu ? res.fullCpuKwh() : null,
                baselineCpu ? res.cpuEnergyRatio() : null);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("score", s.score());
        config.put("keep", s.keep());
        config.put("skip_hardest", s.skipHardest());
        config.put("epochs", s.epochs());
        config.put("score_model", s.scoreModel());
        config.put("score_epochs", s.scoreEpochs());
        config.put("batch_size", s.batchSize());
        config.put("learning_rate", s.learningRate());
        config.put("seed", s.seed());
        config.put("baseline", s.withBaseline());
        config.put("policy", s.policy());
        config.put("class_balanced", s.classBalanced());
        config.put("score_runs", s.scoreRuns());
        config.put("score_every_epoch", s.everyEpoch());
        config.put("lr_schedule", s.lrSchedule());
        config.put("augment", s.augment());
        config.putAll(extraConfig);
        String label = "prune-data · " + s.score() + " " + s.policy() + (s.classBalanced() ? " balanced" : "")
                + " keep " + s.keep() + " · " + s.model() + " · seed " + s.seed();
        return new SelectionRecord(RunRecord.SCHEMA, id, null, Kind.PRUNE_DATA.id(), label, created(),
                model(s.model(), input), Environments.current(), null,
                new SelectionRecord.Metrics(res.testAccuracy(), null),
                energy, emissions(res.totalKwh(), clock), new RunRecord.TimeInfo(res.scoringS() + res.trainS()),
                StopReason.COMPLETED.id(), pruning, null, null, null, config, null);
    }

    /**
     * The record of a technique compared with training from scratch ({@code kind} {@code curriculum} or
     * {@code transfer}): per-epoch {@code "epochs"} (test accuracy and energy after each, for the report's learning
     * curves), the preparation ({@code preparationWhat}: {@code scoring} or {@code pretraining}) with its energy in
     * the total, and a {@code "comparison"} block against the scratch run, whose own record is
     * {@code scratchRecord} (relative to this one's folder).
     */
    public static SelectionRecord versus(String id, String kind, String label, String model, Versus v,
            String preparationWhat, String scratchRecord, EnergyClock clock, Map<String, Object> config) {
        return versus(id, kind, label, model, v, preparationWhat, scratchRecord, clock, config, null);
    }

    /** As above, the model's parameters counted as sized for {@code input} (null: its default input). */
    public static SelectionRecord versus(String id, String kind, String label, String model, Versus v,
            String preparationWhat, String scratchRecord, EnergyClock clock, Map<String, Object> config,
            InputSpec input) {
        SelectionRecord.Energy energy = new SelectionRecord.Energy(v.totalKwh(), clock.sources(), null,
                v.preparation().kwh(), null, v.technique().kwh(), null, null);
        SelectionRecord.Preparation prep = new SelectionRecord.Preparation(preparationWhat, v.preparation().kwh(),
                v.preparation().seconds(), v.preparation().examples(),
                v.preparation().epochs().isEmpty() ? null : epochs(v.preparation()));
        SelectionRecord.Comparison comparison = new SelectionRecord.Comparison("scratch", scratchRecord,
                v.scratch().testAccuracy(), v.scratch().kwh(), v.scratch().seconds(), v.comparison().gainPoints(),
                v.comparison().energyRatio(), v.technique().kwh() / v.scratch().kwh(), v.technique().examples(),
                v.scratch().examples());
        return new SelectionRecord(RunRecord.SCHEMA, id, null, Kind.fromId(kind).id(), label, created(),
                model(model, input), Environments.current(), null,
                new SelectionRecord.Metrics(v.technique().testAccuracy(), null), energy, emissions(v.totalKwh(), clock),
                new RunRecord.TimeInfo(v.totalSeconds()), StopReason.COMPLETED.id(), null, epochs(v.technique()),
                prep, comparison, new LinkedHashMap<>(config), null);
    }

    /** The record of the from-scratch side of a comparison ({@code kind} {@code train}), with its epochs. */
    public static SelectionRecord scratch(String id, String label, String model, Arm a, EnergyClock clock,
            Map<String, Object> config) {
        return scratch(id, label, model, a, clock, config, null);
    }

    /** As above, the model's parameters counted as sized for {@code input} (null: its default input). */
    public static SelectionRecord scratch(String id, String label, String model, Arm a, EnergyClock clock,
            Map<String, Object> config, InputSpec input) {
        SelectionRecord.Energy energy = new SelectionRecord.Energy(a.kwh(), clock.sources(), null, null, null,
                a.kwh(), null, null);
        return new SelectionRecord(RunRecord.SCHEMA, id, null, Kind.TRAIN.id(), label, created(), model(model, input),
                Environments.current(), null, new SelectionRecord.Metrics(a.testAccuracy(), null), energy,
                emissions(a.kwh(), clock), new RunRecord.TimeInfo(a.seconds()), StopReason.COMPLETED.id(), null,
                epochs(a), null, null, new LinkedHashMap<>(config), null);
    }

    private static List<SelectionRecord.EpochPoint> epochs(Arm a) {
        List<SelectionRecord.EpochPoint> epochs = new ArrayList<>();
        for (EpochPoint p : a.epochs()) {
            epochs.add(new SelectionRecord.EpochPoint(p.epoch(), p.examples(),
                    Double.isNaN(p.testAccuracy()) ? null : p.testAccuracy(), p.seconds(),
                    new SelectionRecord.EpochEnergy(p.kwh())));
        }
        return epochs;
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

    public static void write(Path file, SelectionRecord record) throws IOException {
        RunRecords.write(file, record);
    }

    private static String created() {
        return Instant.now().toString();
    }

    private static SelectionRecord.Model model(String model, InputSpec input) {
        return new SelectionRecord.Model(model, params(model, input));
    }

    /** Parameter count of a zoo model (built, not trained) sized for {@code input} (null: its default input). */
    private static long params(String model, InputSpec input) {
        InputSpec in = input != null ? input : ModelZoo.defaultInputSpec(model);
        Block block = ModelResolver.resolve(model, Map.of(), in).block();
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, in.batched(1));
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

    /** Emissions of {@code totalKwh}; null (left out) when the carbon intensity is unknown. */
    private static RunRecord.EmissionsInfo emissions(double totalKwh, EnergyClock clock) {
        return clock.intensity()
                .map(i -> new RunRecord.EmissionsInfo(i.of(Energy.ofKwh(totalKwh)).kg(), i.gramsPerKwh(),
                        clock.countryIso()))
                .orElse(null);
    }
}
