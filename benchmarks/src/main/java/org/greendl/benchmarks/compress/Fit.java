package org.greendl.benchmarks.compress;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import org.greendl.data.EpochAware;

/**
 * Plain DJL training and evaluation for the benchmark mains (the CLI verbs use greendl's TrainingSession,
 * which adds energy metering and run records): Adam, fixed learning rate, no validation.
 */
public final class Fit {
    private Fit() {}

    public static void train(Block block, Dataset data, Shape input, int epochs, float lr, Loss loss,
            TrainingListener... listeners) {
        try (Model model = Model.newInstance("fit")) {
            model.setBlock(block);
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build())
                    .addTrainingListeners(listeners);
            try (Trainer trainer = model.newTrainer(cfg)) {
                trainer.initialize(input);
                for (int e = 0; e < epochs; e++) {
                    if (data instanceof EpochAware ea) {
                        ea.setEpoch(e);
                    }
                    long t0 = System.nanoTime();
                    EasyTrain.fit(trainer, 1, data, null);
                    System.err.printf("  epoch %d/%d in %.0f s%n", e + 1, epochs, (System.nanoTime() - t0) / 1e9);
                }
            } catch (Exception ex) {
                throw new IllegalStateException("training failed: " + ex.getMessage(), ex);
            }
        }
    }

    /** Top-1 accuracy in inference mode. */
    public static double accuracy(Block block, Dataset data) {
        long correct = 0;
        long total = 0;
        try (NDManager m = NDManager.newBaseManager()) {
            for (Batch b : data.getData(m)) {
                try (b) {
                    NDArray logits = block.forward(new ParameterStore(b.getManager(), false), b.getData(), false).head();
                    NDArray pred = logits.argMax(1).toType(DataType.INT64, false);
                    NDArray labels = b.getLabels().head();
                    if (labels.getShape().dimension() > 1) {
                        labels = labels.argMax(1);
                    }
                    correct += pred.eq(labels.toType(DataType.INT64, false)).sum().getLong();
                    total += pred.size();
                }
            }
        } catch (java.io.IOException | ai.djl.translate.TranslateException e) {
            throw new IllegalStateException(e);
        }
        return (double) correct / total;
    }
}
