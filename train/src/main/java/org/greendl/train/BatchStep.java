package org.greendl.train;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener;
import java.util.Map;
import org.greendl.nn.Scalars;

/**
 * One training batch, the step every training loop here shares ({@link TrainingSession}, select's learner):
 * forward, the trainer's loss, backward. The optimizer step stays with the caller, which knows when gradients
 * have been accumulated long enough.
 */
public final class BatchStep {
    private BatchStep() {}

    /** What one batch gave: the predictions and the mean loss over its examples. */
    public record Outcome(NDList predictions, float loss) {
        public boolean finite() {
            return Float.isFinite(loss);
        }
    }

    /**
     * Forward and loss of one batch, then backward unless the loss is NaN or infinite: a non-finite gradient
     * would poison the parameters, so the caller decides what a diverged batch means. The loss is divided by
     * {@code accumulate} before backward: gradients add up over backward calls until the optimizer step, so
     * k micro-batches of mean loss / k give the gradient of the mean over k x batch examples.
     */
    public static Outcome forwardBackward(Trainer trainer, NDList data, NDList labels, int accumulate) {
        try (GradientCollector collector = trainer.newGradientCollector()) {
            NDList predictions = trainer.forward(data, labels);
            NDArray loss = trainer.getLoss().evaluate(labels, predictions);
            float value = loss.getFloat();
            if (Float.isFinite(value)) {
                collector.backward(accumulate == 1 ? loss : Scalars.div(loss, accumulate));
            }
            return new Outcome(predictions, value);
        }
    }

    /** Tells the trainer's listeners about a finished batch, as DJL's own loop does (one device). */
    public static void notifyListeners(Trainer trainer, Batch batch, NDList predictions) {
        Device device = trainer.getDevices()[0];
        TrainingListener.BatchData data = new TrainingListener.BatchData(batch, Map.of(device, batch.getLabels()),
                Map.of(device, predictions));
        trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, data));
    }
}
