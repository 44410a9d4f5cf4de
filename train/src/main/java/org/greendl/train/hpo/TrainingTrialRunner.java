package org.greendl.train.hpo;

import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.greendl.data.spec.DataRecord;
import org.greendl.data.spec.DataSplits;
import org.greendl.meter.TrackerConfig;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.meter.unit.Energy;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.nn.zoo.Recipe;
import org.greendl.train.Budgets;
import org.greendl.train.Evaluation;
import org.greendl.train.ModelStore;
import org.greendl.train.OptimizerKind;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;
import org.greendl.record.StopReason;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;
import org.greendl.record.Kind;

/**
 * Runs a search trial as a real training run of the space's model (a zoo name, or a model spec file ending in
 * {@code .json}) sized by and trained on the search's data, with the meter on.
 * Known hyper-parameters: {@code lr}, {@code batch}, {@code weight_decay}, and {@code model} (a zoo name or a
 * spec file), which replaces the space's model for the trials that set it. A trial at a higher rung continues
 * from the same configuration's checkpoint at the rung below, so only the extra epochs are paid for; its
 * energy is what it added. Trials select on validation accuracy only; the test set is used once, for the best.
 */
public final class TrainingTrialRunner implements TrialRunner {
    private final SearchSpace space;
    private final Path out;
    private final SearchData data;
    private final Function<Path, TrackerConfig> tracker;
    /** The parameter that names a trial's own model. */
    public static final String MODEL = "model";

    /** {@code data}: what the trials train on (null only to check a space, which then sizes models for Fashion-MNIST). */
    public TrainingTrialRunner(SearchSpace space, Path out, SearchData data, Function<Path, TrackerConfig> tracker) {
        // Fails now, with the known names or the spec's error, for a model it cannot build.
        model(space, data == null ? InputSpec.FASHION_MNIST : data.input());
        for (var e : space.params().entrySet()) {
            String p = e.getKey();
            if (!p.equals("lr") && !p.equals("batch") && !p.equals("weight_decay") && !p.equals(MODEL)) {
                throw new IllegalArgumentException("search space: unknown parameter '" + p
                        + "' (expected lr, batch, weight_decay, model)");
            }
            if (p.equals(MODEL)) {
                for (Object v : e.getValue()) {
                    ModelResolver.resolve(v.toString(), Map.of(), data == null ? InputSpec.FASHION_MNIST : data.input());
                }
                continue;
            }
            for (Object v : e.getValue()) {
                checkValue(p, v);
            }
        }
        this.space = space;
        this.out = out;
        this.data = data;
        this.tracker = tracker;
    }

    @Override
    public TrialResult run(Trial trial) throws IOException {
        return run(trial, null);
    }

    /** Trains the trial; with {@code maxEnergy} the run stops after the batch that spends it. */
    @Override
    public TrialResult run(Trial trial, Energy maxEnergy) throws IOException {
        Configuration c = trial.config();
        String model = model(c, space);
        int batch = c.getInt("batch", 64);
        Path dir = out.resolve("trials").resolve(folderName(trial));
        // What the space does not search comes from the model's zoo recipe. Its schedule is not used: a trial at
        // a higher rung continues the one below, so no schedule over a final epoch count applies.
        Recipe recipe = ModelResolver.recipe(model);
        TrainingConfig.Builder b = TrainingConfig.builder()
                .setEpochs(trial.epochs())
                .setBatchSize(batch)
                .setLearningRate(c.getDouble("lr", recipe.learningRate()))
                .optOptimizer(OptimizerKind.parse(recipe.optimizer()))
                .putExtra("recipe", (ModelResolver.isSpecFile(model) ? "untuned default for model spec "
                        : "zoo recipe of ") + model + " without its schedule (" + recipe.describe() + ")")
                .optWeightDecay(c.getDouble("weight_decay", 0))
                .optSeed(data.seed())
                .optTracker(tracker.apply(dir))
                .optOutputDir(dir)
                .optModelName(ModelResolver.nameOf(model))
                .optKind(Kind.TRAIN.id())
                .putExtra("search_trial", trial.key());
        double before = 0;
        if (trial.previous() != null && trial.previous().runDir() != null) {
            Path prev = Path.of(trial.previous().runDir());
            b.optResumeFrom(prev);
            before = RunRecords.read(prev.resolve(ModelStore.RECORD)).energy().totalKwh();
        }
        if (maxEnergy != null) {
            // The run's energy includes the rung it continues from, so its budget does too.
            b.optBudgets(Budgets.none().withMaxEnergy(Energy.ofWh(Math.max(1e-9, (before + maxEnergy.kwh()) * 1000))));
        }
        DataSplits splits = data.splits(batch);
        b.putExtra("dataset", data.request().spec().text())
                .putExtra(DataRecord.KEY, DataRecord.of(data.request(), splits.provenance()).toConfigValue());
        Block block = ModelResolver.resolve(model, Map.of(), data.input()).block();
        RunRecord r;
        Files.createDirectories(dir);
        try (TrainingSession session = new TrainingSession(b.build())) {
            r = session.train(block, splits.train(), splits.validation(), null);
        }
        Double acc = r.metrics().validationAccuracy();
        boolean stopped = StopReason.ENERGY_BUDGET.id().equals(r.stopReason());
        return new TrialResult(trial.id(), c.values(), stopped ? completedEpochs(r) : trial.epochs(),
                acc == null ? 0 : acc, Math.max(0, r.energy().totalKwh() - before), dir.toString(),
                stopped ? TrialResult.ENERGY_BUDGET : TrialResult.COMPLETED);
    }

    /** The trial's own model where its configuration names one, else the space's. */
    private static String model(Configuration c, SearchSpace space) {
        Object m = c.values().get(MODEL);
        return m == null ? space.model() : m.toString();
    }

    private static ModelResolver.Resolved model(SearchSpace space, InputSpec input) {
        return ModelResolver.resolve(space.model(), Map.of(), input);
    }

    /** The last epoch that ran to its end (validated), for a run a budget stopped midway. */
    private static int completedEpochs(RunRecord r) {
        int done = 0;
        for (RunRecord.EpochRecord e : r.epochs()) {
            if (e.validationAccuracy() != null) {
                done = e.epoch();
            }
        }
        return done;
    }

    /** The test accuracy of a finished trial's saved model (used once, for the search's best). */
    public double testAccuracy(TrialResult best) throws IOException {
        var saved = ModelStore.load(Path.of(best.runDir()));
        DataSplits splits = data.splits(64);
        try (saved) {
            return Evaluation.evaluate(saved.block(), splits.test()).accuracy();
        }
    }

    /** Refuses a value no trial could use, before any trial trains, naming the parameter and the value. */
    static void checkValue(String param, Object v) {
        String bad = "search space: parameter \"" + param + "\" has the value " + v + " (expected ";
        if (param.equals("batch")) {
            if (!(v instanceof Long n) || n < 1 || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(bad + "a whole number >= 1)");
            }
            return;
        }
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(bad + "a number)");
        }
        double d = n.doubleValue();
        if (param.equals("lr") && !(d > 0 && d <= TrainingConfig.MAX_LEARNING_RATE)) {
            throw new IllegalArgumentException(bad + "a learning rate in (0, " + (int) TrainingConfig.MAX_LEARNING_RATE
                    + "])");
        }
        if (param.equals("weight_decay") && !(d >= 0 && d <= TrainingConfig.MAX_WEIGHT_DECAY)) {
            throw new IllegalArgumentException(bad + "a weight decay in [0, " + (int) TrainingConfig.MAX_WEIGHT_DECAY
                    + "])");
        }
    }

    /** The configuration's key with a model spec named by its file's name, not its whole path. */
    private static String folderName(Trial t) {
        String key = t.config().values().entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getKey().equals(MODEL) ? ModelResolver.nameOf(e.getValue().toString())
                        : e.getValue()))
                .collect(java.util.stream.Collectors.joining(","));
        return (key + "-e" + t.epochs()).replaceAll("[^A-Za-z0-9=.,_-]", "_")
                .replace(',', '_').toLowerCase(Locale.ROOT);
    }
}
