package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.ModelProto;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.deploy.runtime.SessionSettings;

/**
 * Top-1 accuracy of an in-memory model on labelled images, in batches the model accepts: its fixed batch when it
 * was exported with one (the images that do not fill a last batch are left out), else {@code batch}.
 */
final class ValidationAccuracy {
    private ValidationAccuracy() {}

    /** The batch that will be used and how many images it covers. */
    record Plan(int batch, int images) {}

    static Plan plan(ModelProto model, int count, int batch) {
        long fixed = OnnxQuantization.declaredBatch(model.getGraph().getInput(0));
        int b = fixed > 0 ? (int) fixed : Math.min(batch, count);
        return new Plan(b, count / b * b);
    }

    static double of(ModelProto model, LabelledImages images, int batch) {
        Plan p = plan(model, images.count(), batch);
        if (p.images() == 0) {
            throw new IllegalArgumentException("validation has " + images.count() + " images, fewer than the model's"
                    + " batch of " + p.batch());
        }
        long[] shape = new long[images.sampleShape().length + 1];
        System.arraycopy(images.sampleShape(), 0, shape, 1, images.sampleShape().length);
        int correct = 0;
        try (OnnxSession s = OnnxSession.open(model.toByteArray(), SessionSettings.threads(0))) {
            for (int from = 0; from < p.images(); from += p.batch()) {
                int to = from + p.batch();
                shape[0] = p.batch();
                float[] logits = s.runFirst(images.batch(from, to), shape);
                int classes = logits.length / p.batch();
                for (int i = 0; i < p.batch(); i++) {
                    int best = 0;
                    for (int c = 1; c < classes; c++) {
                        if (logits[i * classes + c] > logits[i * classes + best]) {
                            best = c;
                        }
                    }
                    correct += best == images.labels()[from + i] ? 1 : 0;
                }
            }
        }
        return correct / (double) p.images();
    }
}
