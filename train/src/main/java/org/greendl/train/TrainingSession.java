package org.greendl.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.greendl.data.EpochAware;
import org.greendl.data.ImageDataset;
import org.greendl.data.Seeds;
import org.greendl.meter.Measurement;
import org.greendl.record.AtomicFiles;
import org.greendl.nn.Scalars;
import org.greendl.profile.ProfileTotals;
import org.greendl.profile.Profiler;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;
import org.greendl.record.StopReason;

/**
 * Trains any DJL {@link Block} on any DJL {@link Dataset} with DJL's {@link Trainer}, measuring energy and carbon
 * with an {@link EnergyListener}, and returns the {@link RunRecord}.
 *
 * <p>Per epoch it records energy by component (with its source), CO2, wall time, throughput, and training and
 * validation loss and accuracy. It stops on a budget (energy, CO2, time: within one batch of crossing; target
 * validation accuracy: at an epoch end), on a validation plateau (early stopping), on a NaN/Inf loss (restoring
 * the last good parameters), or on SIGINT/SIGTERM. With an output folder it writes a checkpoint after every epoch
 * (atomically), run.json and the model ({@link ModelStore}); a run resumed from a checkpoint reaches the same
 * parameters as an uninterrupted run with the same seed, because shuffling, augmentation and dropout are
 * seeded per epoch and the optimizer state is saved.
 *
 * <p>The session owns the DJL {@link Model} the block trains in: parameters the session created stay valid until
 * {@link #close()}.
 */
public final class TrainingSession implements AutoCloseable {
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final TrainingConfig config;
    private final PrintStream progressOut;
    private Model model;
    private volatile boolean interrupted;

    public TrainingSession(TrainingConfig config) {
        this(config, System.err);
    }

    public TrainingSession(TrainingConfig config, PrintStream progressOut) {
        this.config = config;
        this.progressOut = progressOut;
    }

    /** Trains in a session that is closed afterwards: use it when the block was initialized by the caller. */
    public static RunRecord run(Block block, Dataset train, Dataset validation, Dataset test, TrainingConfig config)
            throws IOException {
        try (TrainingSession session = new TrainingSession(config)) {
            return session.train(block, train, validation, test);
        }
    }

    /** Asks the loop to stop after the current batch with stop reason {@code interrupted}. */
    public void interrupt() {
        interrupted = true;
    }

    @Override
    public void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }

    /**
     * Trains {@code block}. {@code validation} and {@code test} may be null (no validation metrics, early stopping
     * or accuracy target; no test metrics).
     */
    public RunRecord train(Block block, Dataset train, Dataset validation, Dataset test) throws IOException {
        if (model != null) {
            throw new IllegalStateException("a TrainingSession trains once; create another for another run");
        }
        Path out = config.outputDir();
        if (out != null) {
            AtomicFiles.createDirectories(out);
        }
        Checkpoints.Loaded resume = config.resumeFrom() == null ? null : Checkpoints.read(config.resumeFrom());
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            interrupted = true;
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "greendl-train-interrupt");
        boolean hooked = false;
        if (out != null) {
            Runtime.getRuntime().addShutdownHook(hook);
            hooked = true;
        }
        try {
            return new Loop(block, train, validation, test, resume).run();
        } finally {
            finished.countDown();
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook is running and has been released above
                }
            }
        }
    }

    /** One run of the loop; fields are the loop's state. */
    private final class Loop {
        private final Block block;
        private final Dataset train;
        private final Dataset validation;
        private final Dataset test;
        private final Checkpoints.Loaded resume;
        private final List<RunRecord.EpochRecord> epochs = new ArrayList<>();
        private final ProgressReporter progress = ProgressReporter.create(config.progress(), progressOut);
        private final Loss loss;
        private final SmoothedCrossEntropyLoss plainLoss = new SmoothedCrossEntropyLoss(0);
        private final long startNanos = System.nanoTime();
        private final double carriedWallS;
        private String runId;
        private String created;
        private Double bestValidationLoss;
        private int epochsWithoutImprovement;
        private StopReason stopReason;
        private String stopDetail;
        private byte[] lastGoodParams;
        private int lastGoodEpoch;
        private Shape inputShape;

        Loop(Block block, Dataset train, Dataset validation, Dataset test, Checkpoints.Loaded resume) {
            this.block = block;
            this.train = train;
            this.validation = validation;
            this.test = test;
            this.resume = resume;
            this.loss = config.loss() != null ? config.loss() : new SmoothedCrossEntropyLoss(config.labelSmoothing());
            this.carriedWallS = resume == null ? 0 : resume.state().wallS();
        }

        RunRecord run() throws IOException {
            int startEpoch = 0;
            if (resume != null) {
                CheckpointState s = resume.state();
                runId = s.runId();
                created = s.created();
                startEpoch = s.epoch();
                bestValidationLoss = s.bestValidationLoss();
                epochsWithoutImprovement = s.epochsWithoutImprovement();
                epochs.addAll(s.epochs());
                if (s.seed() != config.seed()) {
                    throw new IOException(resume.dir() + ": checkpoint was made with seed " + s.seed()
                            + ", this run has seed " + config.seed() + " (expected the same seed to resume)");
                }
                progress.message("resuming " + runId + " after epoch " + startEpoch + " from " + resume.dir());
            } else {
                Instant now = Instant.now();
                created = now.toString();
                runId = config.kind() + "-" + ID_TIME.format(now) + "-"
                        + Long.toHexString(new Random().nextLong() & 0xffffffL);
            }
            EnergyListener energy = new EnergyListener(config.tracker(),
                    resume == null ? null : resume.state().energy(), resume == null ? 0 : resume.state().emissionsKg(),
                    false);
            energy.start();
            Engine engine = Engine.getInstance();
            engine.setRandomSeed(seedFor(-1));
            inputShape = inputShape(train);
            long stepsPerEpoch = stepsPerEpoch(train);
            long totalSteps = optimizerSteps(stepsPerEpoch) * config.epochs();
            model = Model.newInstance(config.modelName());
            model.setBlock(block);
            if (resume != null) {
                ModelStore.loadParameters(block, resume.params(), model.getNDManager());
            }
            CheckpointableOptimizer optimizer = new CheckpointableOptimizer(config.optimizer(), config.momentum(),
                    config.weightDecay(), step -> config.schedule().at(step, totalSteps, config.learningRate()));
            DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(loss)
                    .optOptimizer(optimizer)
                    .optDevices(new Device[] {Engine.getInstance().defaultDevice()})
                    .addTrainingListeners(energy);
            for (TrainingListener l : config.listeners()) {
                trainingConfig.addTrainingListeners(l);
            }
            RunRecord.EnergyInfo trainingEnergy;
            double trainingKg;
            try (Trainer trainer = model.newTrainer(trainingConfig)) {
                trainer.initialize(inputShape);
                Map<String, String> nameToId = new HashMap<>();
                block.getParameters().forEach(p -> nameToId.put(p.getKey(), p.getValue().getId()));
                if (resume != null) {
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(resume.optimizer()))) {
                        optimizer.load(new DataInputStream(in), model.getNDManager(), nameToId);
                    } catch (IOException | RuntimeException e) {
                        throw new IOException(resume.optimizer() + ": cannot restore the optimizer state ("
                                + e.getMessage() + ")", e);
                    }
                }
                lastGoodParams = paramsBytes();
                lastGoodEpoch = startEpoch;
                progress.message(String.format(Locale.ROOT,
                        "training %s: %d epochs x %d steps, %s lr %s, seed %d%s", config.modelName(),
                        config.epochs(), stepsPerEpoch, config.optimizer().id(), config.learningRate(), config.seed(),
                        out() == null ? "" : ", writing " + out()));
                for (int epoch = startEpoch + 1; epoch <= config.epochs() && stopReason == null; epoch++) {
                    runEpoch(trainer, optimizer, energy, epoch, stepsPerEpoch);
                }
                if (stopReason == null) {
                    stopReason = StopReason.COMPLETED;
                    stopDetail = "ran all " + config.epochs() + " epochs";
                }
                if (stopReason == StopReason.NAN_LOSS) {
                    restore(lastGoodParams);
                }
                trainingEnergy = energy.totalEnergy();
                trainingKg = energy.totalEmissionsKg();
            }
            Evaluation.Result testResult = null;
            if (test != null && stopReason != StopReason.INTERRUPTED) {
                testResult = Evaluation.evaluate(block, test, plainLoss);
            }
            Measurement last = energy.stop();
            RunRecord record = record(energy, last, testResult, trainingEnergy, trainingKg);
            Path out = out();
            if (out != null) {
                try {
                    ModelStore.save(out, block, record);
                } catch (UnsupportedOperationException | IllegalArgumentException e) {
                    RunRecords.write(out.resolve(ModelStore.RECORD), record);
                    progress.message("model architecture not saved (" + e.getMessage() + "); run.json written");
                }
            }
            progress.message(String.format(Locale.ROOT, "stopped: %s (%s)%s", stopReason.id(), stopDetail,
                    testResult == null ? "" : String.format(Locale.ROOT, "; test accuracy %.4f", testResult.accuracy())));
            return record;
        }

        private Path out() {
            return config.outputDir();
        }

        private void runEpoch(Trainer trainer, CheckpointableOptimizer optimizer, EnergyListener energy, int epoch,
                long stepsPerEpoch) throws IOException {
            Engine.getInstance().setRandomSeed(seedFor(epoch));
            // Data order and augmentation are functions of (seed, epoch): the 0-based epoch index.
            setEpoch(train, epoch - 1);
            energy.beginEpoch(epoch);
            RunRecord.EnergyInfo energyAtStart = energy.totalEnergy();
            double kgAtStart = energy.totalEmissionsKg();
            long epochStart = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            long examples = 0;
            int steps = 0;
            int accumulate = config.gradientAccumulation();
            int pending = 0;
            long batchesDone = 0;
            try {
                Iterator<Batch> batches = train.getData(trainer.getManager()).iterator();
                while (batches.hasNext()) {
                    try (Batch batch = batches.next()) {
                        BatchStep.Outcome outcome = BatchStep.forwardBackward(trainer, batch.getData(),
                                batch.getLabels(), accumulate);
                        NDList predictions = outcome.predictions();
                        float lossValue = outcome.loss();
                        if (!outcome.finite()) {
                            stopReason = StopReason.NAN_LOSS;
                            stopDetail = String.format(Locale.ROOT,
                                    "loss became %s at epoch %d step %d; kept the parameters of epoch %d",
                                    Float.isNaN(lossValue) ? "NaN" : "infinite", epoch, steps + 1, lastGoodEpoch);
                            break;
                        }
                        if (++pending == accumulate || !batches.hasNext()) {
                            optimizer.beginStep();
                            trainer.step();
                            steps++;
                            pending = 0;
                        }
                        int n = batch.getSize();
                        lossSum += (double) lossValue * n;
                        correct += Evaluation.countCorrect(predictions.head(), batch.getLabels().head());
                        examples += n;
                        batchesDone++;
                        BatchStep.notifyListeners(trainer, batch, predictions);
                    }
                    RunRecord.EnergyInfo now = energy.totalEnergy();
                    if (budgetCrossed(now, energy.totalEmissionsKg())) {
                        break;
                    }
                    progress.batch(epoch, config.epochs(), batchesDone, stepsPerEpoch, lossSum / examples,
                            (double) correct / examples, now.totalKwh() * 1000);
                }
            } catch (TranslateException e) {
                throw new IOException("cannot read the training data: " + e.getMessage(), e);
            }
            double trainS = (System.nanoTime() - epochStart) / 1e9;
            boolean fullEpoch = stopReason == null;
            Evaluation.Result val = null;
            if (fullEpoch && validation != null) {
                val = Evaluation.evaluate(block, validation, plainLoss, trainer.getManager());
            }
            energy.endEpoch();
            RunRecord.EnergyInfo energyAtEnd = energy.totalEnergy();
            double wallS = (System.nanoTime() - epochStart) / 1e9;
            RunRecord.EpochRecord record = new RunRecord.EpochRecord(epoch, steps, examples,
                    optimizer.currentLearningRate(), examples == 0 ? Double.NaN : lossSum / examples,
                    examples == 0 ? 0 : (double) correct / examples,
                    val == null ? null : val.loss(), val == null ? null : val.accuracy(), wallS, trainS,
                    trainS > 0 ? examples / trainS : 0, energyAtEnd.minus(energyAtStart),
                    energy.totalEmissionsKg() - kgAtStart);
            if (steps > 0 || fullEpoch) {
                epochs.add(record);
                progress.epoch(record, config.epochs(), energyAtEnd.totalKwh() * 1000);
            }
            if (!fullEpoch) {
                return;
            }
            if (val != null && config.earlyStopping() != null) {
                if (bestValidationLoss == null || val.loss() < bestValidationLoss - config.earlyStopping().minDelta()) {
                    bestValidationLoss = val.loss();
                    epochsWithoutImprovement = 0;
                } else {
                    epochsWithoutImprovement++;
                }
            }
            lastGoodParams = paramsBytes();
            lastGoodEpoch = epoch;
            if (out() != null) {
                CheckpointState state = new CheckpointState(CheckpointState.SCHEMA, runId, created, config.modelName(),
                        config.seed(), epoch, optimizer.step(), bestValidationLoss, epochsWithoutImprovement,
                        energyAtEnd, energy.totalEmissionsKg(), carriedWallS + elapsedS(), List.copyOf(epochs));
                byte[] params = lastGoodParams;
                Checkpoints.write(out(), state, o -> o.write(params), o -> {
                    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(o));
                    // Names are taken now: a strategy may have grown the model since the run started.
                    optimizer.save(data, currentIdToName());
                    data.flush();
                });
            }
            int parametersBefore = block.getParameters().size();
            trainer.notifyListeners(listener -> listener.onEpoch(trainer));
            if (block.getParameters().size() != parametersBefore) {
                // A strategy grew the model (Net2Net): a NaN restore must load parameters of this shape.
                lastGoodParams = paramsBytes();
            }
            Double target = config.budgets().targetAccuracy();
            double accuracy = val != null ? val.accuracy() : record.trainAccuracy();
            if (target != null && accuracy >= target) {
                stopReason = StopReason.TARGET_ACCURACY;
                stopDetail = String.format(Locale.ROOT, "%s accuracy %.4f reached the target %.4f after epoch %d",
                        val != null ? "validation" : "training", accuracy, target, epoch);
            } else if (config.earlyStopping() != null && val != null
                    && epochsWithoutImprovement >= config.earlyStopping().patience()) {
                stopReason = StopReason.EARLY_STOPPING;
                stopDetail = String.format(Locale.ROOT, "validation loss did not improve for %d epochs (best %.4f)",
                        epochsWithoutImprovement, bestValidationLoss);
            } else if (interrupted) {
                stopReason = StopReason.INTERRUPTED;
                stopDetail = "interrupted after epoch " + epoch;
            }
        }

        /** Checks the per-batch budgets; sets the stop reason when one is crossed. */
        private boolean budgetCrossed(RunRecord.EnergyInfo energy, double kg) {
            Budgets b = config.budgets();
            double wh = energy.totalKwh() * 1000;
            double seconds = carriedWallS + elapsedS();
            if (b.maxEnergy() != null && wh >= b.maxEnergy().wh()) {
                stopReason = StopReason.ENERGY_BUDGET;
                stopDetail = String.format(Locale.ROOT, "energy %.4f Wh reached the budget of %.4f Wh", wh,
                        b.maxEnergy().wh());
            } else if (b.maxEmissions() != null && kg * 1000 >= b.maxEmissions().grams()) {
                stopReason = StopReason.CO2_BUDGET;
                stopDetail = String.format(Locale.ROOT, "emissions %.4f g CO2eq reached the budget of %.4f g",
                        kg * 1000, b.maxEmissions().grams());
            } else if (b.maxTime() != null && seconds >= b.maxTime().toMillis() / 1000.0) {
                stopReason = StopReason.TIME_BUDGET;
                stopDetail = String.format(Locale.ROOT, "wall time %.1f s reached the budget of %.1f s", seconds,
                        b.maxTime().toMillis() / 1000.0);
            } else if (interrupted) {
                stopReason = StopReason.INTERRUPTED;
                stopDetail = "interrupted by a signal; the last checkpoint can be resumed";
            }
            return stopReason != null;
        }

        private double elapsedS() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        private RunRecord record(EnergyListener energy, Measurement last, Evaluation.Result testResult,
                RunRecord.EnergyInfo trainingEnergy, double trainingKg) {
            RunRecord.EnergyInfo total = energy.totalEnergy();
            double kg = energy.totalEmissionsKg();
            ModelSize.Size size = ModelSize.of(block);
            RunRecord.ModelInfo modelInfo = modelInfo(size);
            RunRecord.EpochRecord lastEpoch = epochs.isEmpty() ? null : epochs.get(epochs.size() - 1);
            Double lastValidationAccuracy = null;
            Double lastValidationLoss = null;
            for (RunRecord.EpochRecord e : epochs) {
                if (e.validationAccuracy() != null) {
                    lastValidationAccuracy = e.validationAccuracy();
                    lastValidationLoss = e.validationLoss();
                }
            }
            RunRecord.Metrics metrics = new RunRecord.Metrics(
                    testResult == null ? null : testResult.accuracy(), testResult == null ? null : testResult.loss(),
                    lastValidationAccuracy, lastValidationLoss,
                    lastEpoch == null ? null : lastEpoch.trainAccuracy(),
                    lastEpoch == null || Double.isNaN(lastEpoch.trainLoss()) ? null : lastEpoch.trainLoss());
            Map<String, Object> configMap = new java.util.LinkedHashMap<>(config.toRecordMap());
            if (resume != null) {
                configMap.put("resumed_after_epoch", resume.state().epoch());
            }
            configMap.put("training_energy_kwh", trainingEnergy.totalKwh());
            configMap.put("training_emissions_kg", trainingKg);
            return new RunRecord(RunRecord.SCHEMA, runId, config.parent(), config.kind(), created,
                    modelInfo,
                    metrics, total,
                    new RunRecord.EmissionsInfo(kg, last.intensity().gramsPerKwh(), last.countryIso()),
                    new RunRecord.TimeInfo(carriedWallS + elapsedS()), stopReason.id(), stopDetail, configMap,
                    Environments.current(), List.copyOf(epochs),
                    config.etaTarget() == null ? null : RunRecord.TimeToAccuracy.of(epochs, config.etaTarget()));
        }

        /** Params, MACs, FLOPs and bytes for one example from the profiler; sparsity from the weights. */
        private RunRecord.ModelInfo modelInfo(ModelSize.Size size) {
            long[] dims = inputShape.getShape().clone();
            dims[0] = 1;
            try {
                ProfileTotals t = Profiler.profile(block, new Shape(dims)).total();
                return new RunRecord.ModelInfo(config.modelName(), t.params(), t.macs(), t.flops(),
                        t.weightBytes() + t.bufferBytes(), size.sparsity());
            } catch (RuntimeException e) {
                progress.message("model not profiled (" + e.getMessage() + "); macs and flops recorded as -1");
                return new RunRecord.ModelInfo(config.modelName(), size.params(), -1, -1, size.bytes(), size.sparsity());
            }
        }

        private Map<String, String> currentIdToName() {
            Map<String, String> idToName = new HashMap<>();
            block.getParameters().forEach(p -> idToName.put(p.getValue().getId(), p.getKey()));
            return idToName;
        }

        private byte[] paramsBytes() throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream data = new DataOutputStream(bytes)) {
                block.saveParameters(data);
            }
            return bytes.toByteArray();
        }

        private void restore(byte[] params) throws IOException {
            try {
                block.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(params)));
            } catch (ai.djl.MalformedModelException e) {
                throw new IOException("cannot restore the last good parameters: " + e.getMessage(), e);
            }
        }
    }

    private int seedFor(int epoch) {
        return (int) Seeds.mix(config.seed(), epoch, 0xd0);
    }

    private static void setEpoch(Dataset dataset, int epoch) {
        if (dataset instanceof EpochAware aware) {
            aware.setEpoch(epoch);
        }
    }

    /** The shape of one input batch, from the first batch of the data. */
    private static Shape inputShape(Dataset train) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Iterator<Batch> it = train.getData(manager).iterator();
            if (!it.hasNext()) {
                throw new IllegalArgumentException("the training dataset is empty");
            }
            try (Batch first = it.next()) {
                return first.getData().head().getShape();
            }
        } catch (TranslateException e) {
            throw new IOException("cannot read the training data: " + e.getMessage(), e);
        }
    }

    /** Optimizer steps in an epoch of {@code batches} batches (fewer with gradient accumulation). */
    private long optimizerSteps(long batches) {
        return (batches + config.gradientAccumulation() - 1) / config.gradientAccumulation();
    }

    private long stepsPerEpoch(Dataset train) throws IOException {
        if (train instanceof ImageDataset d) {
            return (d.size() + d.batchSize() - 1) / d.batchSize();
        }
        if (train instanceof RandomAccessDataset d) {
            return (d.size() + config.batchSize() - 1) / config.batchSize();
        }
        long n = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (Batch b : train.getData(manager)) {
                b.close();
                n++;
            }
        } catch (TranslateException e) {
            throw new IOException("cannot read the training data: " + e.getMessage(), e);
        }
        return n;
    }
}
