package org.greendl.train;

import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.meter.TrackerConfig;
import org.greendl.record.Kind;

/**
 * Everything a {@link TrainingSession} needs besides the block and the data. Build it with {@link #builder()};
 * every setting has a default (Adam, lr 1e-3, 10 epochs, batch 64, seed 42, no budgets).
 *
 * @param epochs maximum number of epochs
 * @param batchSize batch size of the datasets (recorded; the CLI builds its datasets with it)
 * @param learningRate base learning rate (the schedule scales it)
 * @param optimizer adam or sgd
 * @param momentum SGD momentum (0 = plain SGD); ignored by Adam
 * @param weightDecay L2 weight decay
 * @param seed seeds parameter initialisation, dropout (per epoch), and with the data, shuffling
 * @param budgets energy, CO2, time and accuracy limits
 * @param earlyStopping stop on a validation-loss plateau, or null
 * @param schedule learning-rate schedule
 * @param labelSmoothing in [0, 1): share of probability spread over all classes
 * @param loss a loss to use instead of the smoothed softmax cross-entropy, or null
 * @param listeners extra DJL listeners, notified of every batch and epoch
 * @param tracker how to measure energy and carbon
 * @param outputDir where run.json, emissions.csv, checkpoints and the model go; null writes nothing
 * @param resumeFrom a run folder or checkpoint folder to continue from, or null
 * @param modelName name recorded in run.json
 * @param kind run kind recorded in run.json ({@code train}, {@code distill}, ...)
 * @param parent id of the run this one derives from, or null
 * @param progress how progress is shown
 * @param extra further settings to record under run.json's {@code config} (dataset, augmentation, ...)
 * @param gradientAccumulation micro-batches whose gradients are summed (mean loss) before one optimizer step
 * @param etaTarget accuracy for run.json's {@code time_to_accuracy} (energy and time to reach it), or null for none
 */
public record TrainingConfig(int epochs, int batchSize, double learningRate, OptimizerKind optimizer, double momentum,
        double weightDecay, long seed, Budgets budgets, EarlyStopping earlyStopping, LrSchedule schedule,
        double labelSmoothing, Loss loss, List<TrainingListener> listeners, TrackerConfig tracker, Path outputDir,
        Path resumeFrom, String modelName, String kind, String parent, ProgressMode progress,
        Map<String, Object> extra, int gradientAccumulation, Double etaTarget) {

    /** The accuracy run.json's time_to_accuracy is computed for unless set otherwise. */
    public static final double DEFAULT_ETA_TARGET = 0.9;

    /** Far above any rate that trains (SGD on these nets diverges beyond about 1): anything more is a typo. */
    public static final double MAX_LEARNING_RATE = 10;
    /** An L2 penalty weight above 1 outweighs the loss itself and only drives the weights to zero. */
    public static final double MAX_WEIGHT_DECAY = 1;

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        if (!(learningRate > 0) || !(learningRate <= MAX_LEARNING_RATE)) {
            throw new IllegalArgumentException("learning rate must be in (0, " + (int) MAX_LEARNING_RATE + "], got "
                    + learningRate);
        }
        if (!(weightDecay >= 0) || !(weightDecay <= MAX_WEIGHT_DECAY)) {
            throw new IllegalArgumentException("weight decay must be in [0, " + (int) MAX_WEIGHT_DECAY + "], got "
                    + weightDecay);
        }
        if (labelSmoothing < 0 || labelSmoothing >= 1) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        }
        if (gradientAccumulation < 1) {
            throw new IllegalArgumentException("gradient accumulation must be >= 1 micro-batch, got "
                    + gradientAccumulation);
        }
        if (etaTarget != null && !(etaTarget > 0 && etaTarget <= 1)) {
            throw new IllegalArgumentException("target accuracy for ETA must be in (0, 1], got " + etaTarget);
        }
        listeners = List.copyOf(listeners);
        extra = Map.copyOf(extra);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.epochs = epochs;
        b.batchSize = batchSize;
        b.learningRate = learningRate;
        b.optimizer = optimizer;
        b.momentum = momentum;
        b.weightDecay = weightDecay;
        b.seed = seed;
        b.budgets = budgets;
        b.earlyStopping = earlyStopping;
        b.schedule = schedule;
        b.labelSmoothing = labelSmoothing;
        b.loss = loss;
        b.listeners = List.copyOf(listeners);
        b.tracker = tracker;
        b.outputDir = outputDir;
        b.resumeFrom = resumeFrom;
        b.modelName = modelName;
        b.kind = kind;
        b.parent = parent;
        b.progress = progress;
        b.extra = new LinkedHashMap<>(extra);
        b.gradientAccumulation = gradientAccumulation;
        b.etaTarget = etaTarget;
        return b;
    }

    /** The settings as run.json's {@code config} object (snake_case keys). */
    public Map<String, Object> toRecordMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epochs", epochs);
        m.put("batch_size", batchSize);
        m.put("learning_rate", learningRate);
        m.put("optimizer", optimizer.id());
        if (optimizer == OptimizerKind.SGD) {
            m.put("momentum", momentum);
        }
        m.put("weight_decay", weightDecay);
        m.put("seed", seed);
        m.put("schedule", schedule.toString());
        m.put("label_smoothing", labelSmoothing);
        if (loss != null) {
            m.put("loss", loss.getName());
        }
        if (earlyStopping != null) {
            m.put("early_stopping_patience", earlyStopping.patience());
            m.put("early_stopping_min_delta", earlyStopping.minDelta());
        }
        putIfSet(m, "max_energy_wh", budgets.maxEnergy() == null ? null : Decimals.asGiven(budgets.maxEnergy().wh()));
        putIfSet(m, "max_co2_g", budgets.maxEmissions() == null ? null
                : Decimals.asGiven(budgets.maxEmissions().grams()));
        putIfSet(m, "max_time_s", budgets.maxTime() == null ? null : budgets.maxTime().toMillis() / 1000.0);
        putIfSet(m, "target_accuracy", budgets.targetAccuracy());
        if (gradientAccumulation > 1) {
            m.put("gradient_accumulation", gradientAccumulation);
        }
        putIfSet(m, "eta_target", etaTarget);
        m.putAll(extra);
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** Builder with defaults; {@code setX} for what is usually given, {@code optX} for the rest. */
    public static final class Builder {
        private int epochs = 10;
        private int batchSize = 64;
        private double learningRate = 1e-3;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private double momentum = 0.9;
        private double weightDecay;
        private long seed = 42;
        private Budgets budgets = Budgets.none();
        private EarlyStopping earlyStopping;
        private LrSchedule schedule = LrSchedule.constant();
        private double labelSmoothing;
        private Loss loss;
        private List<TrainingListener> listeners = List.of();
        private TrackerConfig tracker;
        private Path outputDir;
        private Path resumeFrom;
        private String modelName = "model";
        private String kind = Kind.TRAIN.id();
        private String parent;
        private ProgressMode progress = ProgressMode.NONE;
        private Map<String, Object> extra = new LinkedHashMap<>();
        private int gradientAccumulation = 1;
        private Double etaTarget = DEFAULT_ETA_TARGET;

        Builder() {}

        /** Sums the gradients of {@code k} micro-batches (mean loss) before each optimizer step. */
        public Builder optGradientAccumulation(int k) {
            this.gradientAccumulation = k;
            return this;
        }

        /** Accuracy for run.json's time_to_accuracy (default 0.9); null leaves the field null. */
        public Builder optEtaTarget(Double target) {
            this.etaTarget = target;
            return this;
        }

        public Builder setEpochs(int n) {
            this.epochs = n;
            return this;
        }

        public Builder setBatchSize(int n) {
            this.batchSize = n;
            return this;
        }

        public Builder setLearningRate(double lr) {
            this.learningRate = lr;
            return this;
        }

        public Builder optOptimizer(OptimizerKind kind) {
            this.optimizer = kind;
            return this;
        }

        public Builder optMomentum(double m) {
            this.momentum = m;
            return this;
        }

        public Builder optWeightDecay(double wd) {
            this.weightDecay = wd;
            return this;
        }

        public Builder optSeed(long s) {
            this.seed = s;
            return this;
        }

        public Builder optBudgets(Budgets b) {
            this.budgets = b;
            return this;
        }

        public Builder optEarlyStopping(EarlyStopping e) {
            this.earlyStopping = e;
            return this;
        }

        public Builder optSchedule(LrSchedule s) {
            this.schedule = s;
            return this;
        }

        public Builder optLabelSmoothing(double eps) {
            this.labelSmoothing = eps;
            return this;
        }

        public Builder optLoss(Loss l) {
            this.loss = l;
            return this;
        }

        public Builder optListeners(List<TrainingListener> l) {
            this.listeners = List.copyOf(l);
            return this;
        }

        public Builder optTracker(TrackerConfig t) {
            this.tracker = t;
            return this;
        }

        public Builder optOutputDir(Path dir) {
            this.outputDir = dir;
            return this;
        }

        public Builder optResumeFrom(Path dir) {
            this.resumeFrom = dir;
            return this;
        }

        public Builder optModelName(String name) {
            this.modelName = name;
            return this;
        }

        public Builder optKind(String k) {
            this.kind = k;
            return this;
        }

        public Builder optParent(String id) {
            this.parent = id;
            return this;
        }

        public Builder optProgress(ProgressMode mode) {
            this.progress = mode;
            return this;
        }

        /** Records a further setting under run.json's {@code config}. */
        public Builder putExtra(String key, Object value) {
            this.extra.put(key, value);
            return this;
        }

        public TrainingConfig build() {
            TrackerConfig t = tracker == null ? TrackerConfig.defaults() : tracker;
            return new TrainingConfig(epochs, batchSize, learningRate, optimizer, momentum, weightDecay, seed, budgets,
                    earlyStopping, schedule, labelSmoothing, loss, listeners, t, outputDir, resumeFrom, modelName, kind,
                    parent, progress, extra, gradientAccumulation, etaTarget);
        }
    }
}
