package org.greendl.benchmarks.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import java.util.List;
import org.greendl.train.OptimizerKind;
import org.greendl.train.ProgressMode;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;

/**
 * Training and evaluation for the benchmark mains: greendl's own loop ({@link TrainingSession}, so the figures
 * are those of the CLI verbs' training) with Adam at a fixed learning rate, no validation, nothing written.
 */
public final class Fit {
    private Fit() {}

    /**
     * Trains {@code block} (initialized by the caller for {@code input}, which only documents the batch here: the
     * session takes the shape from the data) for {@code epochs} epochs; {@code listeners} see every batch.
     */
    public static void train(Block block, Dataset data, Shape input, int epochs, float lr, Loss loss,
            TrainingListener... listeners) {
        TrainingConfig config = TrainingConfig.builder()
                .setEpochs(epochs)
                .setBatchSize((int) input.get(0))
                .setLearningRate(Double.parseDouble(Float.toString(lr))) // 0.001 as written, in logs too
                .optOptimizer(OptimizerKind.ADAM)
                .optLoss(loss)
                .optListeners(List.of(listeners))
                .optModelName("fit")
                .optProgress(ProgressMode.LINES)
                .build();
        try {
            TrainingSession.run(block, data, null, null, config);
        } catch (java.io.IOException ex) {
            throw new IllegalStateException("training failed: " + ex.getMessage(), ex);
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
