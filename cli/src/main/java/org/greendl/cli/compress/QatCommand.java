package org.greendl.cli.compress;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.greendl.cli.Cli;
import org.greendl.cli.VerboseOption;
import org.greendl.compress.pipeline.CompressionSettings;
import org.greendl.compress.pipeline.QatJob;
import org.greendl.compress.pipeline.QatSettings;
import org.greendl.compress.quantize.QatConfig;
import org.greendl.record.QatScales;
import org.greendl.train.Evaluation;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greendl qat}: quantization-aware fine-tuning; writes the model and qat.json (the int8 scales). */
@Command(name = "qat", sortOptions = false, description = "Fine-tune a saved model with int8 fake quantization "
        + "(per-channel weights, per-tensor inputs, straight-through gradients); writes the model, run.json "
        + "(test accuracy of the fake-quantized model) and qat.json with the scales for the int8 exporter.")
public final class QatCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;
    @Mixin CompressOptions options;

    @Parameters(index = "0", paramLabel = "MODEL_DIR", description = "A model folder written by greendl train.")
    Path model;

    @Option(names = "--epochs", defaultValue = "1", paramLabel = "N", description = "QAT epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.0001", paramLabel = "X", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--ema", defaultValue = "0.9", paramLabel = "M",
            description = "Momentum of the observed activation ranges, in [0, 1) (default: ${DEFAULT-VALUE}).")
    double ema;

    @Option(names = "--weights-only", description = "Quantize weights only, not the layers' inputs.")
    boolean weightsOnly;

    @Override
    public Integer call() throws Exception {
        QatConfig cfg;
        try {
            cfg = new QatConfig(ema, !weightsOnly);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
        if (epochs < 1) {
            throw new Cli.UsageFailure("--epochs must be >= 1, got " + epochs);
        }
        CompressionSettings settings = CompressionCli.settings(options);
        QatSettings qat = new QatSettings(cfg, epochs, lr);
        CompressionCli.print(options, CompressionCli.run(() -> QatJob.run(model, qat, settings)));
        return 0;
    }
}
