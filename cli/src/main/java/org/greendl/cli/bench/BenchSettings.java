package org.greendl.cli.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The bench's settings, shared by every variant so that all are measured on the same test set and the
 * same runtime settings.
 *
 * @param trainLimit how many training images to use (0: all)
 * @param epochs epochs of the models trained from scratch (baseline, compact, early exit)
 * @param fineTuneEpochs epochs of fine-tuning after pruning, factorization and QAT
 * @param distillEpochs epochs of distillation (student from scratch, or the pruned model in the combination)
 * @param baseline an already trained baseline model folder to use instead of training one (null: train)
 * @param inference how long and how often the serving cost is measured
 */
public record BenchSettings(String dataset, Path dataDir, Path out, boolean quick, List<String> techniques,
        String country, int threads, int trainLimit, int epochs, int fineTuneEpochs, int distillEpochs,
        long seed, Path baseline, InferenceBench.Settings inference) {

    /** The quick run: a subset of the training data and fewer epochs, minutes instead of an hour. */
    static final int QUICK_TRAIN_LIMIT = 5000;

    public BenchSettings {
        techniques = List.copyOf(techniques);
    }
}
