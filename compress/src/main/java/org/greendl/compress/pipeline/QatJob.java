package org.greendl.compress.pipeline;

import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import java.nio.file.Path;
import java.util.List;
import org.greendl.compress.quantize.Qat;
import org.greendl.record.QatScales;
import org.greendl.train.Evaluation;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;

/**
 * {@code greendl qat} as a library call: fine-tunes a saved model with int8 fake quantization and writes the model,
 * its run.json (test accuracy of the fake-quantized model) and qat.json, the scales for the int8 exporter.
 */
public final class QatJob {
    private QatJob() {}

    public static CompressionResult run(Path model, QatSettings q, CompressionSettings settings) throws Exception {
        try (CompressionJob job = new CompressionJob(settings, "qat"); SavedModel source = job.load(model)) {
            RunRecord parent = source.record();
            String name = parent.model().name() + "-qat";
            job.data();
            Block original = source.block();
            Block wrapped = job.metered(() -> {
                Block w = Qat.wrap(original, q.qat());
                w.initialize(job.manager, DataType.FLOAT32, job.batchInput());
                return w;
            });
            RunRecord trained = job.fineTune(wrapped, name, parent.id(), q.epochs(), q.learningRate(), null, List.of());
            QatScales scales = Qat.scales(wrapped);
            job.extras.put("fake_quantized", true);
            job.extras.put("quantized_inputs", q.qat().quantizeActivations());
            job.extras.put("fp32_test_accuracy", Evaluation.evaluate(original, job.data.test()).accuracy());
            job.extras.put("parent_test_accuracy", parent.metrics().testAccuracy());
            RunRecord saved = job.save(original, trained, name);
            scales.write(settings.out().resolve(QatScales.FILE));
            return new CompressionResult(saved, settings.out());
        }
    }
}
