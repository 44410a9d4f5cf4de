package org.greendl.cli.compress;

import ai.djl.nn.Block;
import ai.djl.training.listener.TrainingListener;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.greendl.cli.Cli;
import org.greendl.cli.VerboseOption;
import org.greendl.compress.prune.ChannelCriterion;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greendl prune}: magnitude (one-shot or gradual) or structured channel pruning, then fine-tuning. */
@Command(name = "prune", sortOptions = false, description = "Prune a saved model (unstructured magnitude pruning, "
        + "layer-wise or global, one-shot or gradual; or structured channel pruning that rebuilds a smaller model), "
        + "fine-tune it, and write the new model with its run.json (and masks.bin for unstructured pruning).")
public final class PruneCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;
    @Mixin CompressOptions options;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A model folder written by greendl train.")
    Path model;

    @Option(names = "--sparsity", defaultValue = "0.9", paramLabel = "S",
            description = "Unstructured: fraction of weights set to zero, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double sparsity;

    @Option(names = "--scope", defaultValue = "global", paramLabel = "global|layer",
            description = "Unstructured: one magnitude threshold over all layers (global, the default: it keeps "
                    + "accuracy, see benchmarks/prune-defaults), or the same sparsity in every layer.")
    String scope;

    @Option(names = "--schedule", defaultValue = "oneshot", paramLabel = "oneshot|gradual",
            description = "Unstructured: prune once, or along Zhu & Gupta's cubic schedule during fine-tuning.")
    String schedule;

    @Option(names = "--layers", split = ",", paramLabel = "NAME", description = "Only these layers (names as in masks.bin).")
    List<String> layers;

    @Option(names = "--structured", description = "Remove whole filters/channels and rebuild a smaller model.")
    boolean structured;

    @Option(names = "--ratio", defaultValue = "0.5", paramLabel = "R",
            description = "Structured: fraction of each layer's channels removed, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double ratio;

    @Option(names = "--channel-multiple", defaultValue = "1", paramLabel = "M",
            description = "Structured: round each layer's kept channels up to a multiple of M (8 suits ONNX "
                    + "Runtime's int8 kernels; default: ${DEFAULT-VALUE}).")
    int channelMultiple;

    @Option(names = "--criterion", defaultValue = "l1", paramLabel = "l1|l2|bn-scale",
            description = "Structured: how channels are ranked (default: ${DEFAULT-VALUE}).")
    String criterion;

    @Option(names = "--fine-tune-epochs", defaultValue = "1", paramLabel = "N",
            description = "Fine-tuning epochs after pruning; 0 only evaluates (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.0005", paramLabel = "X", description = "Fine-tuning learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Override
    public Integer call() throws Exception {
        boolean gradual = switch (schedule.toLowerCase(Locale.ROOT)) {
            case "oneshot", "one-shot" -> false;
            case "gradual" -> true;
            default -> throw new Cli.UsageFailure("unknown schedule '" + schedule + "' (expected oneshot or gradual)");
        };
        StructuredPruningConfig structuredConfig = null;
        MagnitudePruningConfig magnitudeConfig = null;
        PruningScope pruningScope = switch (scope.toLowerCase(Locale.ROOT)) {
            case "global" -> PruningScope.GLOBAL;
            case "layer", "layer-wise" -> PruningScope.LAYER;
            default -> throw new Cli.UsageFailure("unknown --scope '" + scope + "' (expected global or layer)");
        };
        Set<String> names = layers == null ? Set.of() : new LinkedHashSet<>(layers);
        try {
            if (structured) {
                structuredConfig = new StructuredPruningConfig(ratio, ChannelCriterion.parse(criterion), true, Set.of(),
                        channelMultiple);
            } else {
                magnitudeConfig = new MagnitudePruningConfig(sparsity, pruningScope, names);
            }
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
        if (gradual && epochs < 1) {
            throw new Cli.UsageFailure("--schedule gradual prunes while fine-tuning: give --fine-tune-epochs >= 1");
        }
        try (CompressionJob job = new CompressionJob(options, "prune"); SavedModel source = job.load(model)) {
            RunRecord parent = source.record();
            String name = parent.model().name() + (structured ? "-channels" : "-sparse");
            job.data();
            Block block;
            List<TrainingListener> listeners;
            MaskingListener masking = null;
            if (structured) {
                StructuredPruningConfig cfg = structuredConfig;
                StructuredPruning.Result r = job.metered(() -> StructuredPruning.prune(source.block(), job.batchInput(),
                        job.manager, cfg));
                block = r.block();
                listeners = List.of();
                job.extras.put("structured_ratio", ratio);
                job.extras.put("criterion", criterion);
                job.extras.put("channel_multiple", channelMultiple);
                StringBuilder kept = new StringBuilder();
                r.keptChannels().forEach((k, v) -> kept.append(k).append('=').append(v[0]).append('/').append(v[1]).append(' '));
                job.extras.put("kept_channels", kept.toString().trim());
            } else {
                block = source.block();
                MagnitudePruningConfig cfg = magnitudeConfig;
                if (gradual) {
                    long steps = (long) Math.ceil(job.data.train().size() / (double) options.batch) * epochs;
                    long end = Math.max(1, Math.round(steps * 0.6));
                    CubicSchedule s = new CubicSchedule(0, sparsity, 0, end, Math.max(1, end / 40));
                    masking = job.metered(() -> new GradualPruningListener(s, cfg, block));
                    job.extras.put("schedule", "gradual " + s);
                } else {
                    PruningMasks masks = job.metered(() -> MagnitudePruning.prune(block, cfg));
                    masking = new MaskingListener(masks);
                    job.extras.put("schedule", "oneshot");
                }
                listeners = List.of(masking);
                job.extras.put("target_sparsity", sparsity);
                String scopeName = pruningScope == PruningScope.GLOBAL ? "global" : "layer";
                job.extras.put("scope", scopeName);
                System.err.printf(Locale.ROOT, "prune: %s magnitude pruning to sparsity %s, %s%n",
                        scopeName.equals("global") ? "global (one threshold over all layers)" : "layer-wise",
                        sparsity, gradual ? "gradual (cubic schedule while fine-tuning)" : "one-shot, then fine-tuning");
            }
            RunRecord trained = job.fineTune(block, name, parent.id(), epochs, lr, null, listeners);
            if (masking != null) {
                masking.masks().apply(block); // exact zeros whatever the loop's listener order
                masking.masks().write(options.out.resolve(PruningMasks.FILE));
                job.extras.put("mask_sparsity", masking.masks().sparsity());
            }
            job.extras.put("parent_test_accuracy", parent.metrics().testAccuracy());
            job.print(job.save(block, trained, name));
        }
        return 0;
    }

}
