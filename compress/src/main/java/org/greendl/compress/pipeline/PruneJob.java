package org.greendl.compress.pipeline;

import ai.djl.nn.Block;
import ai.djl.training.listener.TrainingListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.greendl.compress.heads.HeadPruning;
import org.greendl.compress.prune.CubicSchedule;
import org.greendl.compress.prune.GradualPruningListener;
import org.greendl.compress.prune.MagnitudePruning;
import org.greendl.compress.prune.MagnitudePruningConfig;
import org.greendl.compress.prune.MaskingListener;
import org.greendl.compress.prune.PruningMasks;
import org.greendl.compress.prune.PruningScope;
import org.greendl.compress.prune.StructuredPruning;
import org.greendl.compress.prune.StructuredPruningConfig;
import org.greendl.nn.attention.TransformerEncoder;
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
            String name = parent.model().name() + (prune.transformer() ? (prune.headRatio() > 0 ? "-heads" : "-ffn")
                    : structured ? "-channels" : "-sparse");
            job.data();
            Block block;
            MaskingListener masking = null;
            if (prune.transformer()) {
                block = heads(job, source.block(), prune);
            } else if (structured) {
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

    private static Block heads(CompressionJob job, Block source, PruneSettings prune) throws Exception {
        TransformerEncoder first = firstEncoder(source);
        if (first == null) {
            throw new IllegalArgumentException("head and feed-forward pruning need a transformer: the model has no"
                    + " transformer encoder layer");
        }
        // The same count for every encoder: the zoo's encoders are all alike.
        int heads = (int) Math.round(prune.headRatio() * first.heads());
        int hidden = (int) Math.round(prune.ffnRatio() * first.mlpDim());
        if (prune.headRatio() > 0 && heads == 0) {
            throw new IllegalArgumentException("a head ratio of " + prune.headRatio() + " removes none of the "
                    + first.heads() + " heads per encoder: give at least " + (0.5 / first.heads()));
        }
        if (heads >= first.heads()) {
            throw new IllegalArgumentException("a head ratio of " + prune.headRatio() + " removes all "
                    + first.heads() + " heads per encoder: at least one must stay");
        }
        if (prune.ffnRatio() > 0 && hidden == 0) {
            throw new IllegalArgumentException("a feed-forward ratio of " + prune.ffnRatio() + " removes none of the "
                    + first.mlpDim() + " hidden units per encoder");
        }
        HeadPruning.Result r = job.metered(() -> HeadPruning.prune(source, job.batchInput(), job.manager, heads,
                hidden));
        job.extras.put("head_ratio", prune.headRatio());
        job.extras.put("ffn_ratio", prune.ffnRatio());
        job.extras.put("heads_removed_per_encoder", heads);
        job.extras.put("ffn_units_removed_per_encoder", hidden);
        job.extras.put("attention_macs_before", r.attentionMacsBefore());
        job.extras.put("attention_macs_after", r.attentionMacsAfter());
        job.extras.put("attention_macs_removed", r.attentionMacsRemoved());
        job.extras.put("macs_before", r.macsBefore());
        job.extras.put("macs_after", r.macsAfter());
        StringBuilder kept = new StringBuilder();
        r.layers().forEach(l -> kept.append(l.layer().replace(' ', '-')).append('=').append(l.kept().length)
                .append('/').append(l.before()).append("h,").append(l.keptHidden().length).append('/')
                .append(l.hiddenBefore()).append("ffn "));
        job.extras.put("kept_heads", kept.toString().trim());
        // Said on stderr like the training progress: what was removed and what it saves.
        System.err.printf(Locale.ROOT, "prune: %d heads and %d feed-forward units removed per encoder; attention "
                + "MACs %d -> %d (%.1f%% removed), MACs %d -> %d%n", heads, hidden, r.attentionMacsBefore(),
                r.attentionMacsAfter(), 100 * r.attentionMacsRemoved(), r.macsBefore(), r.macsAfter());
        return r.block();
    }

    private static TransformerEncoder firstEncoder(Block b) {
        if (b instanceof TransformerEncoder e) {
            return e;
        }
        for (var c : b.getChildren()) {
            TransformerEncoder e = firstEncoder(c.getValue());
            if (e != null) {
                return e;
            }
        }
        return null;
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
