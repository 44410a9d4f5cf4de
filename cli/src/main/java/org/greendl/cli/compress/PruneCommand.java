package org.greendl.cli.compress;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.greendl.cli.Cli;
import org.greendl.cli.VerboseOption;
import org.greendl.compress.pipeline.CompressionSettings;
import org.greendl.compress.pipeline.PruneJob;
import org.greendl.compress.pipeline.PruneSettings;
import org.greendl.compress.prune.ChannelCriterion;
import org.greendl.compress.prune.MagnitudePruningConfig;
import org.greendl.compress.prune.PruningScope;
import org.greendl.compress.prune.StructuredPruningConfig;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code greendl prune}: magnitude (one-shot or gradual) or structured channel pruning, or a transformer's attention
 * heads and feed-forward width, then fine-tuning.
 */
@Command(name = "prune", sortOptions = false, description = "Prune a saved model (unstructured magnitude pruning, "
        + "layer-wise or global, one-shot or gradual; structured channel pruning that rebuilds a smaller model; or, "
        + "for a transformer, --heads and --ffn, which remove attention heads and feed-forward units physically), "
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

    @Option(names = "--heads", defaultValue = "0", paramLabel = "R",
            description = "Transformer: fraction of every encoder's attention heads removed physically, in [0, 1) "
                    + "(smaller Q/K/V/output projections; an ALBERT shared layer is pruned once).")
    double heads;

    @Option(names = "--ffn", defaultValue = "0", paramLabel = "R",
            description = "Transformer: fraction of every encoder's feed-forward hidden units removed, in [0, 1).")
    double ffn;

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
        boolean transformer = heads != 0 || ffn != 0;
        if (transformer && structured) {
            throw new Cli.UsageFailure("--heads/--ffn and --structured are different prune modes: give one");
        }
        if (transformer && gradual) {
            throw new Cli.UsageFailure("--schedule gradual is for magnitude pruning; --heads/--ffn prune once");
        }
        try {
            if (structured) {
                structuredConfig = new StructuredPruningConfig(ratio, ChannelCriterion.parse(criterion), true, Set.of(),
                        channelMultiple);
            } else if (!transformer) {
                magnitudeConfig = new MagnitudePruningConfig(sparsity, pruningScope, names);
            }
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
        if (gradual && epochs < 1) {
            throw new Cli.UsageFailure("--schedule gradual prunes while fine-tuning: give --fine-tune-epochs >= 1");
        }
        if (epochs < 0) {
            throw new Cli.UsageFailure("epochs must be >= 0, got " + epochs);
        }
        CompressionSettings settings = CompressionCli.settings(options);
        PruneSettings prune;
        try {
            prune = new PruneSettings(structuredConfig, magnitudeConfig, gradual, epochs, lr, heads,
                    ffn);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
        CompressionCli.print(options, CompressionCli.run(() -> PruneJob.run(model, prune, settings)));
        return 0;
    }

}
