package org.greendl.compress.pipeline;

import java.nio.file.Path;
import java.util.List;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;

/**
 * {@code greendl fine-tune} as a library call: trains a saved model on for more epochs with the compression jobs'
 * loop, unchanged otherwise — the control for a compressed model that was fine-tuned.
 */
public final class FineTuneJob {
    private FineTuneJob() {}

    public static CompressionResult run(Path model, int epochs, double learningRate, CompressionSettings settings)
            throws Exception {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        }
        try (CompressionJob job = new CompressionJob(settings, "fine-tune"); SavedModel source = job.load(model)) {
            RunRecord parent = source.record();
            RunRecord trained = job.fineTune(source.block(), parent.model().name(), parent.id(), epochs, learningRate,
                    null, List.of());
            job.extras.put("extra_epochs", epochs);
            job.extras.put("parent_test_accuracy", parent.metrics().testAccuracy());
            return new CompressionResult(job.save(source.block(), trained, parent.model().name()), settings.out());
        }
    }
}
