package org.greendl.cli.compress;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.greendl.cli.Cli;
import org.greendl.cli.VerboseOption;
import org.greendl.compress.pipeline.CompressionSettings;
import org.greendl.compress.pipeline.FactorizeJob;
import org.greendl.compress.pipeline.FactorizeSettings;
import org.greendl.compress.lowrank.LowRankConfig;
import org.greendl.compress.lowrank.RankPolicy;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greendl factorize}: truncated-SVD factorization of Linear (and optionally Conv2d) layers, then fine-tuning. */
@Command(name = "factorize", sortOptions = false, description = "Replace Linear layers (and with --conv, convolutions) "
        + "by two thin ones from a truncated SVD, fine-tune, and write the new model with its run.json.")
public final class FactorizeCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;
    @Mixin CompressOptions options;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A model folder written by greendl train.")
    Path model;

    @Option(names = "--rank-ratio", paramLabel = "R", description = "Rank = R x min(in, out), R in (0, 1].")
    Double rankRatio;

    @Option(names = "--energy", paramLabel = "E", description = "Smallest rank keeping this share of the squared singular values.")
    Double energy;

    @Option(names = "--param-fraction", paramLabel = "F",
            description = "Largest rank whose two factors hold at most F of the layer's parameters (default 0.4 when no rank option is given).")
    Double paramFraction;

    @Option(names = "--layers", split = ",", paramLabel = "NAME", description = "Only these layers.")
    List<String> layers;

    @Option(names = "--conv", description = "Also factorize convolutions (all but the first).")
    boolean conv;

    @Option(names = "--fine-tune-epochs", defaultValue = "1", paramLabel = "N",
            description = "Fine-tuning epochs; 0 only evaluates (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.0002", paramLabel = "X", description = "Fine-tuning learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Override
    public Integer call() throws Exception {
        int given = (rankRatio == null ? 0 : 1) + (energy == null ? 0 : 1) + (paramFraction == null ? 0 : 1);
        if (given > 1) {
            throw new Cli.UsageFailure("give one of --rank-ratio, --energy, --param-fraction");
        }
        RankPolicy policy;
        try {
            policy = rankRatio != null ? RankPolicy.ratio(rankRatio)
                    : energy != null ? RankPolicy.energy(energy)
                    : RankPolicy.params(paramFraction == null ? 0.4 : paramFraction);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
        Set<String> names = layers == null ? Set.of() : new LinkedHashSet<>(layers);
        if (epochs < 0) {
            throw new Cli.UsageFailure("epochs must be >= 0, got " + epochs);
        }
        CompressionSettings settings = CompressionCli.settings(options);
        FactorizeSettings factorize = new FactorizeSettings(new LowRankConfig(policy, names, conv), epochs, lr);
        CompressionCli.print(options, CompressionCli.run(() -> FactorizeJob.run(model, factorize, settings)));
        return 0;
    }
}
