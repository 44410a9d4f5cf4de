package org.greendl.compress.pipeline;

import ai.djl.nn.Block;
import ai.djl.training.listener.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.greendl.compress.prune.CubicSchedule;
import org.greendl.compress.prune.GradualPruningListener;
import org.greendl.compress.prune.MagnitudePruning;
import org.greendl.compress.prune.MagnitudePruningConfig;
import org.greendl.compress.prune.MaskingListener;
import org.greendl.compress.prune.PruningMasks;
import org.greendl.compress.prune.PruningScope;
import org.greendl.compress.prune.StructuredPruning;
import org.greendl.compress.prune.StructuredPruningConfig;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;

/**
 * {@code greendl prune} as a library call: prunes a saved model (metered), fine-tunes it, and writes the new model
 * with its run.json (and masks.bin for magnitude pruning) into the settings' output folder.
 */
public final class PruneJob {
    private PruneJob() {}

    public static CompressionResult run(Path model, PruneSettings prune, CompressionSettings settings)
            throws Exception {
        try (CompressionJob job = new CompressionJob(settings, "prune"); SavedModel source = job.load(model)) {
            RunRecord parent = source.record();
            boolean structured = prune.structured() != null;
            String name = parent.model().name() + (structured ? "-channels" : "-sparse");
            job.data();
            Block block;
            MaskingListener masking = null;
            if (structured) {
                block = channels(job, source.block(), prune.structured());
            } else {
                block = source.block();
                masking = magnitude(job, block, prune);
            }
            List<TrainingListener> listeners = masking == null ? List.of() : List.of(masking);
            RunRecord trained = job.fineTune(block, name, parent.id(), prune.fineTuneEpochs(), prune.learningRate(),
                    null, listeners);
            if (masking != null) {
                masking.masks().apply(block); // exact zeros whatever the loop's listener order
                masking.masks().write(settings.out().resolve(PruningMasks.FILE));
                job.extras.put("mask_sparsity", masking.masks().sparsity());
            }
            job.extras.put("parent_test_accuracy", parent.metrics().testAccuracy());
            return new CompressionResult(job.save(block, trained, name), settings.out());
        }
    }

    private static Block channels(CompressionJob job, Block source, StructuredPruningConfig cfg) throws Exception {
        StructuredPruning.Result r = job.metered(() -> StructuredPruning.prune(source, job.batchInput(), job.manager,
                cfg));
        job.extras.put("structured_ratio", cfg.ratio());
        job.extras.put("criterion", label(cfg));
        job.extras.put("channel_multiple", cfg.channelMultiple());
        StringBuilder kept = new StringBuilder();
        r.keptChannels().forEach((k, v) -> kept.append(k).append('=').append(v[0]).append('/').append(v[1]).append(' '));
        job.extras.put("kept_channels", kept.toString().trim());
        return r.block();
    }

    private static MaskingListener magnitude(CompressionJob job, Block block, PruneSettings prune) throws Exception {
        MagnitudePruningConfig cfg = prune.magnitude();
        MaskingListener masking;
        if (prune.gradual()) {
            long steps = (long) Math.ceil(job.data.train().size() / (double) job.options.batch())
                    * prune.fineTuneEpochs();
            long end = Math.max(1, Math.round(steps * 0.6));
            CubicSchedule s = new CubicSchedule(0, cfg.sparsity(), 0, end, Math.max(1, end / 40));
            masking = job.metered(() -> new GradualPruningListener(s, cfg, block));
            job.extras.put("schedule", "gradual " + s);
        } else {
            PruningMasks masks = job.metered(() -> MagnitudePruning.prune(block, cfg));
            masking = new MaskingListener(masks);
            job.extras.put("schedule", "oneshot");
        }
        job.extras.put("target_sparsity", cfg.sparsity());
        boolean global = cfg.scope() == PruningScope.GLOBAL;
        job.extras.put("scope", global ? "global" : "layer");
        // Said on stderr like the training progress: which of the magnitude variants runs.
        System.err.printf(Locale.ROOT, "prune: %s magnitude pruning to sparsity %s, %s%n",
                global ? "global (one threshold over all layers)" : "layer-wise", cfg.sparsity(),
                prune.gradual() ? "gradual (cubic schedule while fine-tuning)" : "one-shot, then fine-tuning");
        return masking;
    }

    /** The criterion as the command spells it: l1, l2, bn-scale. */
    private static String label(StructuredPruningConfig cfg) {
        return cfg.criterion().name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
