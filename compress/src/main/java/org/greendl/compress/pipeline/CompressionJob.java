package org.greendl.compress.pipeline;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.greendl.compress.prune.PruningMasks;
import org.greendl.compress.prune.SparseSize;
import org.greendl.data.spec.DataRecord;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.data.spec.DataSplits;
import org.greendl.data.text.TextEncoding;
import org.greendl.meter.TrackerConfig;
import org.greendl.profile.Profile;
import org.greendl.profile.ProfileOptions;
import org.greendl.profile.Profiler;
import org.greendl.train.EnergyListener;
import org.greendl.train.Environments;
import org.greendl.train.Evaluation;
import org.greendl.train.ModelStore;
import org.greendl.record.RunRecord;
import org.greendl.train.ProgressMode;
import org.greendl.record.RunRecords;
import org.greendl.train.SavedModel;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;
import org.greendl.record.StopReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every compression verb does around its technique: load the source model and the data, meter the
 * compression step, fine-tune with greendl's {@link TrainingSession} (kind, parent and energy recorded), then
 * write the final model with a run.json whose model block (params, MACs, sparsity, bytes), metrics and energy
 * (compression step + fine-tuning) describe it. The data is the source model's recorded data unless the
 * settings name other data, which must then have the recorded input shape and classes.
 */
final class CompressionJob implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CompressionJob.class);

    final CompressionSettings options;
    final String kind;
    final NDManager manager = NDManager.newBaseManager();
    /** The technique's settings and measurements, added to the record's config in this order. */
    final Map<String, Object> extras = new LinkedHashMap<>();
    DataSplits data;
    /** The data the first model loaded (the source) was made with. */
    private DataRecord recorded;
    /** The source model's folder, whose tokenizer (text data) every split is read with. */
    private Path sourceDir;
    private DataRequest request;
    private EnergyListener stepMeter;
    private RunRecord.EnergyInfo stepEnergy = RunRecord.EnergyInfo.ZERO;
    private double stepKg;

    CompressionJob(CompressionSettings options, String kind) {
        this.options = options;
        this.kind = kind;
    }

    /** A saved model, with its parameters in this job's manager; the first one loaded is the source. */
    SavedModel load(Path dir) throws IOException {
        SavedModel saved = ModelStore.load(dir, manager);
        if (recorded == null) {
            sourceDir = dir;
            try {
                recorded = DataRecord.ofModel(saved.record().config());
            } catch (IllegalArgumentException e) {
                saved.close();
                throw new IllegalStateException(dir.resolve(ModelStore.RECORD) + ": " + e.getMessage());
            }
        }
        return saved;
    }

    /**
     * The splits (validation share as in training), loaded once: the settings' data or the source's recorded
     * data; other data of another input shape or classes is refused.
     */
    DataSplits data() throws IOException {
        if (data == null) {
            if (recorded == null) {
                throw new IllegalStateException("load the source model before its data");
            }
            DataRequest given = options.data();
            request = given != null ? withSourceTokenizer(given.withOptions(given.options().withBatchSize(
                    options.batch()))) : recorded.request(options.batch(), sourceDir);
            data = request.splits(options.limit(), options.testLimit());
            recorded.check(data.provenance(), warning -> LOG.warn(warning));
        }
        return data;
    }

    /** Text read with the source model's saved tokenizer, whichever file: the ids must mean what they meant. */
    private DataRequest withSourceTokenizer(DataRequest given) {
        Path saved = sourceDir.resolve(TextEncoding.FILE);
        if (given.spec().scheme() == DataSpec.Scheme.TEXT && Files.isRegularFile(saved)) {
            return given.withOptions(given.options().withText(given.options().text().withSaved(saved)));
        }
        return given;
    }

    /** The data's record for the new model's run.json. */
    private DataRecord dataRecord() throws IOException {
        return DataRecord.of(request, data().provenance());
    }

    /** One example's input shape, batch dimension 1. */
    Shape example() throws IOException {
        return batchOf(1);
    }

    Shape batchInput() throws IOException {
        return batchOf(options.batch());
    }

    private Shape batchOf(long n) throws IOException {
        Shape one = data().inputShape();
        long[] dims = new long[one.dimension() + 1];
        dims[0] = n;
        System.arraycopy(one.getShape(), 0, dims, 1, one.dimension());
        return new Shape(dims);
    }

    /** Runs the compression step itself with the meter on; its energy is added to the record. */
    <T> T metered(Callable<T> step) throws Exception {
        stepMeter = new EnergyListener(tracker(null), null, 0);
        stepMeter.start();
        long t0 = System.nanoTime();
        try {
            return step.call();
        } finally {
            stepMeter.stop();
            stepEnergy = stepMeter.totalEnergy();
            stepKg = stepMeter.totalEmissionsKg();
            extras.put("compression_step_s", (System.nanoTime() - t0) / 1e9);
            extras.put("compression_step_kwh", stepEnergy.totalKwh());
        }
    }

    TrackerConfig tracker(Path outputDir) {
        return options.meter().toBuilder().optOutputDir(outputDir).optProjectName("greendl-" + kind).build();
    }

    /**
     * Fine-tunes {@code block} (epochs >= 1) with the training session, or only evaluates it (epochs = 0).
     * The record's test accuracy is that of {@code block} in inference mode.
     */
    RunRecord fineTune(Block block, String modelName, String parent, int epochs, double lr, Loss loss,
            List<TrainingListener> listeners) throws IOException {
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
        }
        DataSplits splits = data();
        if (epochs == 0) {
            return evaluateOnly(block, modelName, parent);
        }
        TrainingConfig.Builder cfg = TrainingConfig.builder()
                .setEpochs(epochs)
                .setBatchSize(options.batch())
                .setLearningRate(lr)
                .optSeed(options.seed())
                .optTracker(tracker(options.out()))
                .optOutputDir(options.out())
                .optModelName(modelName)
                .optKind(kind)
                .optParent(parent)
                .optProgress(options.progress())
                .optListeners(listeners)
                .putExtra("dataset", request.spec().text())
                .putExtra(DataRecord.KEY, dataRecord().toConfigValue())
                .putExtra("limit", options.limit() == null ? "none" : options.limit());
        if (loss != null) {
            cfg.optLoss(loss);
        }
        try (TrainingSession session = new TrainingSession(cfg.build())) {
            return session.train(block, splits.train(), splits.validation(), splits.test());
        }
    }

    private RunRecord evaluateOnly(Block block, String modelName, String parent) throws IOException {
        EnergyListener meter = new EnergyListener(tracker(null), null, 0);
        meter.start();
        long t0 = System.nanoTime();
        Evaluation.Result test = Evaluation.evaluate(block, data.test());
        var m = meter.stop();
        Instant now = Instant.now();
        String id = kind + "-" + now.toString().replaceAll("[^0-9T]", "").substring(0, 15) + "-"
                + Long.toHexString(new Random().nextLong() & 0xffffffL);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("epochs", 0);
        config.put("dataset", request.spec().text());
        config.put(DataRecord.KEY, dataRecord().toConfigValue());
        return new RunRecord(RunRecord.SCHEMA, id, parent, kind, now.toString(),
                new RunRecord.ModelInfo(modelName, 0, 0, 0, 0, 0),
                new RunRecord.Metrics(test.accuracy(), test.loss(), null, null, null, null), meter.totalEnergy(),
                new RunRecord.EmissionsInfo(meter.totalEmissionsKg(), m.intensity().gramsPerKwh(), m.countryIso()),
                new RunRecord.TimeInfo((System.nanoTime() - t0) / 1e9), StopReason.COMPLETED.id(), "evaluated without fine-tuning",
                config, Environments.current(), List.of());
    }

    /**
     * Writes the final model: run.json gets the final block's size (profiler, with sparsity-aware MACs), the
     * compression step's energy added to the fine-tuning's, and the technique's settings and measurements.
     */
    RunRecord save(Block finalBlock, RunRecord trained, String modelName) throws IOException {
        Profile p = Profiler.profile(finalBlock, example(), ProfileOptions.defaults().withSparsity(true));
        PruningMasks zeros = PruningMasks.fromZeros(finalBlock);
        SparseSize.Sizes sizes = SparseSize.measure(finalBlock);
        extras.put("effective_macs", p.total().effectiveMacs());
        extras.put("dense_bytes", sizes.denseBytes());
        extras.put("bitmask_bytes", sizes.bitmaskBytes());
        extras.put("deflated_bytes", sizes.deflatedBytes());
        Map<String, Object> config = new LinkedHashMap<>(trained.config() == null ? Map.of() : trained.config());
        config.putAll(extras);
        RunRecord.EmissionsInfo e = trained.emissions();
        RunRecord record = new RunRecord(trained.schema(), trained.id(), trained.parent(), kind, trained.created(),
                new RunRecord.ModelInfo(modelName, p.total().params(), p.total().macs(), p.total().flops(),
                        sizes.denseBytes(), zeros.sparsity()),
                trained.metrics(), trained.energy().plus(stepEnergy),
                new RunRecord.EmissionsInfo(e.totalKg() + stepKg, e.intensityGPerKwh(), e.countryIsoCode()),
                trained.time(), trained.stopReason(), trained.stopDetail(), config, trained.environment(),
                trained.epochs());
        ModelStore.save(options.out(), finalBlock, record);
        if (data().encoding() != null) {
            // Beside the model, as train writes it, so that evaluate, export and infer tokenize the same way.
            data().encoding().write(options.out());
        }
        return record;
    }

    @Override
    public void close() {
        manager.close();
    }
}
