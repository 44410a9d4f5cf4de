package org.greendl.cli.compress;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.greendl.cli.Cli;
import org.greendl.cli.VerboseOption;
import org.greendl.compress.pipeline.CompressionSettings;
import org.greendl.compress.pipeline.FineTuneJob;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code greendl fine-tune}: trains a saved model on for more epochs, unchanged otherwise — the control for a
 * compressed model that was fine-tuned (the same extra epochs spent on the uncompressed model).
 */
@Command(name = "fine-tune", sortOptions = false, description = "Train a saved model on for N more epochs, with the "
        + "compression verbs' fine-tuning loop (the control for a fine-tuned compressed model), and write it with "
        + "its run.json (kind fine-tune, parent the source model).")
public final class FineTuneCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;
    @Mixin CompressOptions options;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A model folder written by greendl.")
    Path model;

    @Option(names = "--epochs", defaultValue = "1", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.0005", paramLabel = "X",
            description = "Learning rate (default: ${DEFAULT-VALUE}, as greendl prune fine-tunes).")
    double lr;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) {
            throw new Cli.UsageFailure("--epochs must be >= 1, got " + epochs);
        }
        CompressionSettings settings = CompressionCli.settings(options);
        CompressionCli.print(options, CompressionCli.run(() -> FineTuneJob.run(model, epochs, lr, settings)));
        return 0;
    }
}
