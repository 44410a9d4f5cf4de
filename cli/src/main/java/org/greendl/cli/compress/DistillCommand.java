package org.greendl.cli.compress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.greendl.cli.Cli;
import org.greendl.cli.ModelArgs;
import org.greendl.cli.VerboseOption;
import org.greendl.compress.pipeline.CompressionSettings;
import org.greendl.compress.pipeline.DistillJob;
import org.greendl.compress.pipeline.DistillSettings;
import org.greendl.compress.distill.DistillationConfig;
import org.greendl.compress.distill.Hint;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code greendl distill}: trains a zoo student on a saved teacher's soft targets (and labels). */
@Command(name = "distill", sortOptions = false, description = "Train a zoo model (the student) with knowledge "
        + "distillation from a saved model (the teacher); writes the student with its run.json.")
public final class DistillCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;
    @Mixin CompressOptions options;

    @Option(names = "--teacher", required = true, paramLabel = "DIR", description = "The teacher's model folder.")
    Path teacher;

    @Option(names = "--student", required = true, paramLabel = "NAME|DIR", description = "Zoo model or model spec "
            + "file (.json) to train from scratch (e.g. lenet5), or a saved model folder to fine-tune (e.g. a channel-pruned model).")
    String student;

    @Option(names = "--student-option", paramLabel = "KEY=VALUE", description = "A zoo student's model option, e.g."
            + " layers=2 for text-transformer (repeatable).")
    List<String> studentOptions = new ArrayList<>();

    @Option(names = "--epochs", defaultValue = "5", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--temperature", defaultValue = "4", paramLabel = "T", description = "Softmax temperature (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--alpha", defaultValue = "0.7", paramLabel = "A",
            description = "Weight of the soft-target loss; labels get 1 - A (default: ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--hint", paramLabel = "S:T", description = "Feature hint: student layer:teacher layer (top-level child names).")
    List<String> hints;

    @Option(names = "--hint-weight", defaultValue = "1", paramLabel = "W", description = "Weight of the hint loss (default: ${DEFAULT-VALUE}).")
    double hintWeight;

    @Option(names = "--lr", defaultValue = "0.001", paramLabel = "X", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Override
    public Integer call() throws Exception {
        DistillationConfig cfg;
        List<Hint> parsed = new ArrayList<>();
        try {
            if (hints != null) {
                for (String h : hints) {
                    parsed.add(Hint.parse(h));
                }
            }
            cfg = new DistillationConfig(temperature, alpha, parsed, hintWeight);
            if (!DistillJob.savedStudent(student)) {
                // An unknown model or option is a usage error before any work (at its default input: the data is
                // not read yet).
                ModelResolver.resolve(student, ModelArgs.options(studentOptions));
            } else if (!studentOptions.isEmpty()) {
                throw new Cli.UsageFailure("--student-option applies to a zoo student, not a saved model folder");
            }
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
        if (epochs < 1) {
            throw new Cli.UsageFailure("--epochs must be >= 1, got " + epochs);
        }
        CompressionSettings settings = CompressionCli.settings(options);
        DistillSettings distill = new DistillSettings(teacher, student, cfg, epochs, lr,
                ModelArgs.options(studentOptions));
        CompressionCli.print(options, CompressionCli.run(() -> DistillJob.run(distill, settings)));
        return 0;
    }
}
