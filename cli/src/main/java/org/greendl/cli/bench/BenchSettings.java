package org.greendl.cli.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The bench's settings, shared by every variant so that all are measured on the same test set and the
 * same runtime settings.
 *
 * @param data the data every variant trains and is measured on (null: Fashion-MNIST from the usual places)
 * @param trainLimit how many training images to use (0: all)
 * @param epochs epochs of the models trained from scratch (baseline, compact, early exit)
 * @param fineTuneEpochs epochs of fine-tuning after pruning, factorization and QAT
 * @param distillEpochs epochs of distillation (student from scratch, or the pruned model in the combination)
 * @param baseline an already trained baseline model folder to use instead of training one (null: train)
 * @param inference how long and how often the serving cost is measured
 * @param baselineModel the model the baseline trains: a zoo name or a model spec file ending in .json
 * @param nasSearch a saved {@code greendl nas} folder whose chosen network the {@code nas} variant trains (null: a
 *     small search in a quick run, no {@code nas} variant otherwise)
 */
public record BenchSettings(String dataset, BenchData data, Path out, boolean quick, List<String> techniques,
        String country, int threads, int trainLimit, int epochs, int fineTuneEpochs, int distillEpochs,
        long seed, Path baseline, InferenceBench.Settings inference, String baselineModel, Path nasSearch) {

    /** The quick run: a subset of the training data and fewer epochs, minutes instead of an hour. */
    static final int QUICK_TRAIN_LIMIT = 5000;

    /** The baseline model unless {@code --model} names another. */
    static final String DEFAULT_BASELINE_MODEL = "cnn";

    public BenchSettings {
        techniques = List.copyOf(techniques);
        data = data == null ? BenchData.FASHION_MNIST : data;
        baselineModel = baselineModel == null ? DEFAULT_BASELINE_MODEL : baselineModel;
    }

    /** Without a saved architecture search. */
    public BenchSettings(String dataset, BenchData data, Path out, boolean quick, List<String> techniques,
            String country, int threads, int trainLimit, int epochs, int fineTuneEpochs, int distillEpochs,
            long seed, Path baseline, InferenceBench.Settings inference, String baselineModel) {
        this(dataset, data, out, quick, techniques, country, threads, trainLimit, epochs, fineTuneEpochs,
                distillEpochs, seed, baseline, inference, baselineModel, null);
    }

    /** With the default baseline model. */
    public BenchSettings(String dataset, BenchData data, Path out, boolean quick, List<String> techniques,
            String country, int threads, int trainLimit, int epochs, int fineTuneEpochs, int distillEpochs,
            long seed, Path baseline, InferenceBench.Settings inference) {
        this(dataset, data, out, quick, techniques, country, threads, trainLimit, epochs, fineTuneEpochs,
                distillEpochs, seed, baseline, inference, DEFAULT_BASELINE_MODEL);
    }
}
