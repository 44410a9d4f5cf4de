package org.greendl.cli;

import ai.djl.nn.Block;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.greendl.data.spec.DataRecord;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSplits;
import org.greendl.data.augment.Augmentation;
import org.greendl.data.augment.Augmentations;
import org.greendl.meter.TrackerConfig;
import org.greendl.record.AtomicFiles;
import org.greendl.meter.unit.Emissions;
import org.greendl.meter.unit.Energy;
import org.greendl.nn.earlyexit.EarlyExitLoss;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.nn.zoo.Recipe;
import org.greendl.train.Budgets;
import org.greendl.train.Checkpoints;
import org.greendl.train.EarlyStopping;
import org.greendl.train.LrSchedule;
import org.greendl.train.OptimizerKind;
import org.greendl.train.ProgressMode;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;
import org.greendl.train.strategy.LabelSmoothing;
import org.greendl.train.strategy.Strategies;
import org.greendl.train.strategy.Strategy;
import org.greendl.train.strategy.StrategyContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code greendl train}: trains a zoo model on a dataset with the meter on; writes run.json, emissions.csv, the model. */
@Command(name = "train", description = "Train a zoo model with energy and carbon measured; writes DIR/run.json, "
        + "DIR/emissions.csv, checkpoints and the model.", sortOptions = false)
final class TrainCommand implements Callable<Integer>, RunFolderCommand {
    @Mixin VerboseOption verbose;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "Zoo model (e.g. cnn, lenet5, mlp)"
            + " or a model spec file ending in .json (docs/model-spec.md).")
    String model;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A zoo model option, e.g. attention=linear for"
            + " text-transformer (repeatable; see greendl models).")
    List<String> options = new java.util.ArrayList<>();

    @Option(names = "--epochs", defaultValue = "10", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default: the model's recipe, see greendl models).")
    Double lr;

    @Option(names = "--optimizer", paramLabel = "adam|sgd",
            description = "Optimizer (default: the model's recipe; sgd uses momentum 0.9).")
    String optimizer;

    @Mixin ScheduleOption schedule;

    @Option(names = "--label-smoothing", defaultValue = "0", paramLabel = "EPS",
            description = "Label smoothing in [0, 1) (--strategy label-smoothing:EPS is another spelling of it).")
    double labelSmoothing;

    @Option(names = "--augment", defaultValue = "none", paramLabel = "LIST",
            description = "Augmentations: crop[:PAD], flip[:P], cutout[:SIZE], mixup[:ALPHA], cutmix[:ALPHA], comma-separated.")
    String augment;

    @Option(names = "--patience", paramLabel = "N", description = "Early stopping: epochs without validation-loss improvement.")
    Integer patience;

    @Option(names = "--max-energy-wh", paramLabel = "X", description = "Stop when training has used this much energy (Wh).")
    Double maxEnergyWh;

    @Option(names = "--max-co2-g", paramLabel = "X", description = "Stop when training has emitted this much CO2eq (g).")
    Double maxCo2Grams;

    @Option(names = "--max-time", paramLabel = "SECONDS", description = "Stop after this much wall time (s).")
    Double maxTimeS;

    @Option(names = "--target-accuracy", paramLabel = "A", description = "Stop once validation accuracy reaches A (0-1).")
    Double targetAccuracy;

    @Option(names = "--strategy", defaultValue = "none", paramLabel = "LIST",
            description = "Efficient-training strategies, comma-separated: freeze[:START[:LEVEL]], "
                    + "warmup-cosine[:WARMUP_SHARE], label-smoothing[:EPS], stochastic-depth[:P], init-kaiming, "
                    + "init-xavier, init-orthogonal, no-batchnorm, grad-accum[:K], grow[:AT] (Net2DeeperNet: train "
                    + "without the second conv of each stage, insert them as identities after AT of the epochs), "
                    + "widen[:AT] (Net2WiderNet: train with half the filters per conv, widen by copying filters "
                    + "after AT of the epochs), "
                    + "fp16 (GPU only; refused on CPU).")
    String strategy;

    @Option(names = "--target-accuracy-for-eta", defaultValue = "0.9", paramLabel = "A",
            description = "Accuracy for run.json's time_to_accuracy: energy and time until validation accuracy "
                    + "first reached A (default: ${DEFAULT-VALUE}); training does not stop there (see --target-accuracy).")
    double etaTarget;

    @Mixin SeedOption seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/MODEL-TIME, or the --resume folder).")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue a run from its last checkpoint.")
    Path resume;

    @Mixin DataOptions data;
    @Mixin TrainLimitOption trainLimit;
    @Mixin TestLimitOption testLimit;

    @Option(names = "--validation-fraction", defaultValue = "0.1", paramLabel = "F",
            description = "Share of training images held out for validation (default: ${DEFAULT-VALUE}).")
    double validationFraction;

    @Mixin ThreadsOption threads;
    @Mixin MeterOptions meterOptions;

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "auto|bar|lines|none",
            description = "Progress on stderr (default: bar on a terminal, lines otherwise).")
    String progress;

    @Mixin FormatOption format;

    /** Chosen once: the default name has the start time in it, and the lock and the run must agree. */
    private Path defaultFolder;

    @Override
    public Path runFolder() {
        if (out != null || resume != null) {
            return out != null ? out : resume;
        }
        String name = ModelResolver.nameOf(model);
        if (defaultFolder == null || !defaultFolder.getFileName().toString().startsWith(name + "-")) {
            defaultFolder = Path.of("runs", name + "-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        }
        return defaultFolder;
    }

    @Override
    public Integer call() throws Exception {
        threads.apply();
        boolean json = format.json();
        Augmentation augmentation;
        TrainingConfig config;
        List<Strategy> strategies;
        try {
            augmentation = Augmentations.parse(augment);
            config = config();
            strategies = Strategies.parse(strategy); // fp16 on CPU: UnsupportedOperationException, exit 1
            checkLabelSmoothingOnce(strategies);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
        if (resume != null && !strategies.isEmpty()) {
            // Listeners such as freezing count epochs from the start of this process, not of the run.
            throw new Cli.UsageFailure("--strategy cannot be combined with --resume yet (strategies restart their"
                    + " schedules); resume without --strategy or start a new run");
        }
        // Fail on a bad --resume or an unwritable --out before spending time on the data.
        if (resume != null) {
            Checkpoints.read(resume);
        }
        AtomicFiles.createDirectories(config.outputDir());
        DataRequest request = data.request(seed.value(), batch);
        DataSplits splits;
        try {
            splits = request.splits(validationFraction, trainLimit.orNull(), testLimit.orNull(), augmentation);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage() + " (data " + request.spec().text() + ")");
        }
        InputSpec input = new InputSpec(splits.inputShape(), splits.classes(), splits.vocabulary());
        if (splits.provenance().text() != null) {
            System.err.println("greendl: text: " + splits.provenance().text().describe());
        }
        Block block;
        try {
            block = ModelResolver.resolve(model, ModelArgs.options(options), input).block();
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
        TrainingConfig.Builder withData = config.toBuilder()
                .putExtra("dataset", request.spec().text())
                .putExtra(DataRecord.KEY, DataRecord.of(request, splits.provenance()).toConfigValue());
        if (block instanceof EarlyExitNet) {
            // Every exit head learns: the joint loss over all heads (BranchyNet), not the final head's alone.
            withData.optLoss(new EarlyExitLoss()).putExtra("loss", "early-exit joint");
        }
        config = withData.build();
        if (!strategies.isEmpty()) {
            TrainingConfig.Builder withStrategies = config.toBuilder();
            long batches = (splits.train().size() + batch - 1) / batch;
            try {
                block = Strategies.apply(strategies, block, withStrategies, new StrategyContext(epochs, batches, seed.value()));
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageFailure(e.getMessage() + " (model " + model + ")");
            }
            config = withStrategies.build();
        }
        if (splits.encoding() != null) {
            // Beside the model, so that evaluate, export and the rest tokenize as training did.
            splits.encoding().write(config.outputDir());
        }
        RunRecord record;
        try (TrainingSession session = new TrainingSession(config)) {
            record = session.train(block, splits.train(), splits.validation(), splits.test());
        }
        if (json) {
            System.out.println(RunRecords.toJson(record));
        } else {
            System.out.println(summary(record, config.outputDir()));
        }
        return 0;
    }

    private TrainingConfig config() {
        Path dir = runFolder();
        TrackerConfig.Builder meter = meterOptions.applyTo(TrackerConfig.builder().optOutputDir(dir)
                .optProjectName("greendl-train-" + ModelResolver.nameOf(model)));
        Budgets budgets = new Budgets(maxEnergyWh == null ? null : Energy.ofWh(maxEnergyWh),
                maxCo2Grams == null ? null : Emissions.ofGrams(maxCo2Grams),
                maxTimeS == null ? null : Duration.ofMillis(Math.round(maxTimeS * 1000)), targetAccuracy);
        Recipe recipe = ModelResolver.recipe(model);
        TrainingConfig.Builder config = TrainingConfig.builder()
                .setEpochs(epochs)
                .setBatchSize(batch)
                .setLearningRate(lr != null ? lr : recipe.learningRate())
                .optOptimizer(OptimizerKind.parse(optimizer != null ? optimizer : recipe.optimizer()))
                .optSeed(seed.value())
                .optSchedule(LrSchedule.parse(schedule.or(recipe.schedule())))
                .putExtra("recipe", recipeUsed(recipe))
                .optLabelSmoothing(labelSmoothing)
                .optEarlyStopping(patience == null ? null : new EarlyStopping(patience, 0))
                .optBudgets(budgets)
                .optEtaTarget(etaTarget)
                .optTracker(meter.build())
                .optOutputDir(dir)
                .optResumeFrom(resume)
                .optModelName(ModelResolver.nameOf(model))
                .optProgress(parseProgress(progress))
                .putExtra("augment", augment)
                .putExtra("limit", trainLimit.orNull() == null ? "none" : trainLimit.orNull())
                .putExtra("validation_fraction", validationFraction)
                .putExtra("strategies", "none")
                .putExtra("tracking_mode", meterOptions.trackingMode().label());
        if (ModelResolver.isSpecFile(model)) {
            config.putExtra("model_spec", model);
        }
        if (!options.isEmpty()) {
            config.putExtra("model_options", String.join(",", options));
        }
        if (testLimit.orNull() != null) {
            config.putExtra("test_limit", testLimit.orNull());
        }
        return config.build();
    }

    /**
     * Refuses two different label smoothings: the strategy {@code label-smoothing:EPS} sets the same training setting
     * as {@code --label-smoothing}, so one of them would silently lose.
     */
    private void checkLabelSmoothingOnce(List<Strategy> strategies) {
        for (Strategy s : strategies) {
            if (s instanceof LabelSmoothing l && labelSmoothing != 0 && l.epsilon() != labelSmoothing) {
                throw new IllegalArgumentException("--label-smoothing " + labelSmoothing + " and --strategy "
                        + l.spec() + " are the same setting with two values; give it once");
            }
        }
    }

    /** Where the optimizer, learning rate and schedule came from, for the run record. */
    private String recipeUsed(Recipe recipe) {
        List<String> given = new java.util.ArrayList<>();
        if (optimizer != null) {
            given.add("--optimizer");
        }
        if (lr != null) {
            given.add("--lr");
        }
        if (schedule.orNull() != null) {
            given.add("--schedule");
        }
        String zoo = (ModelResolver.isSpecFile(model) ? "default recipe for a model spec" : "zoo recipe of " + model)
                + " (" + recipe.describe() + "; " + recipe.chosenBy() + ")";
        return given.size() == 3 ? "given (--optimizer, --lr, --schedule)"
                : given.isEmpty() ? zoo : zoo + ", overridden by " + String.join(", ", given);
    }

    static String summary(RunRecord r, Path dir) {
        RunRecord.Metrics m = r.metrics();
        return String.format(Locale.ROOT,
                "%s: %s after %d epoch(s); test accuracy %s; %.1f s; %.3f Wh (cpu %s, ram %s); %.3f g CO2eq (%s, %.0f g/kWh)%n"
                        + "%swritten: %s",
                r.model().name(), r.stopReason(), r.epochs().size(),
                m.testAccuracy() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", m.testAccuracy()),
                r.time().wallS(), r.energy().totalKwh() * 1000, r.energy().sources().cpu(), r.energy().sources().ram(),
                r.emissions().totalKg() * 1000,
                java.util.Objects.toString(r.emissions().countryIsoCode(), "").isEmpty() ? "world average"
                        : r.emissions().countryIsoCode(),
                r.emissions().intensityGPerKwh(),
                timeToAccuracy(r), dir.resolve("run.json"));
    }

    private static String timeToAccuracy(RunRecord r) {
        Object target = r.config() == null ? null : r.config().get("eta_target");
        if (target == null) {
            return "";
        }
        RunRecord.TimeToAccuracy t = r.timeToAccuracy();
        return t == null ? String.format(Locale.ROOT, "accuracy %s not reached%n", target)
                : String.format(Locale.ROOT, "reached %s %s after epoch %d: %.1f s, %.3f Wh%n", t.basis().replace('_', ' '),
                        target, t.epoch(), t.wallS(), t.energyKwh() * 1000);
    }

    private static ProgressMode parseProgress(String p) {
        try {
            return ProgressMode.valueOf(p.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown progress mode '" + p + "' (expected auto, bar, lines or none)");
        }
    }
}
