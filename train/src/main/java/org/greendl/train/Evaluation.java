package org.greendl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import java.io.IOException;

/** Accuracy and mean loss of a classifier on a dataset, in inference mode (dropout off, batch-norm frozen). */
public final class Evaluation {
    private Evaluation() {}

    /** Accuracy as a fraction in [0, 1], loss as the mean cross-entropy per example. */
    public record Result(double accuracy, double loss, long examples) {}

    public static Result evaluate(Block block, Dataset dataset) throws IOException {
        return evaluate(block, dataset, new SmoothedCrossEntropyLoss(0));
    }

    public static Result evaluate(Block block, Dataset dataset, Loss loss) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            return evaluate(block, dataset, loss, manager);
        }
    }

    /** Evaluates with batches in sub-managers of {@code manager}; nothing is left attached to it. */
    static Result evaluate(Block block, Dataset dataset, Loss loss, NDManager manager) throws IOException {
        ParameterStore parameters = new ParameterStore(manager, false);
        double lossSum = 0;
        long correct = 0;
        long examples = 0;
        try {
            for (Batch batch : dataset.getData(manager)) {
                try (batch) {
                    NDList out = block.forward(parameters, batch.getData(), false);
                    NDArray label = batch.getLabels().singletonOrThrow();
                    int n = batch.getSize();
                    lossSum += loss.evaluate(batch.getLabels(), out).getFloat() * n;
                    correct += countCorrect(out.head(), label);
                    examples += n;
                }
            }
        } catch (TranslateException e) {
            throw new IOException("cannot read the evaluation data: " + e.getMessage(), e);
        }
        if (examples == 0) {
            throw new IllegalArgumentException("the evaluation dataset is empty");
        }
        return new Result((double) correct / examples, lossSum / examples, examples);
    }

    /** Examples whose most likely class is the label's class. */
    static long countCorrect(NDArray logits, NDArray label) {
        NDArray predicted = logits.argMax(-1);
        NDArray truth = SmoothedCrossEntropyLoss.classes(label);
        return predicted.eq(truth).countNonzero().getLong();
    }
}
