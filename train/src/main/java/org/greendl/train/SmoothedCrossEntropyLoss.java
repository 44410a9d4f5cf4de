package org.greendl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * Softmax cross-entropy from logits, for class-index labels {@code (N)} or class-probability labels
 * {@code (N, K)} (mixup, cutmix), with label smoothing (Szegedy et al., 2016): the target becomes
 * {@code (1 - eps) x target + eps / K}. Returns the mean over the batch.
 */
public final class SmoothedCrossEntropyLoss extends Loss {
    private final float smoothing;

    public SmoothedCrossEntropyLoss(double smoothing) {
        super(smoothing > 0 ? "SmoothedCrossEntropy" : "SoftmaxCrossEntropy");
        this.smoothing = (float) smoothing;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        int classes = (int) logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray logProbabilities = logits.logSoftmax(-1);
        NDArray target = targets(labels.singletonOrThrow(), classes);
        if (smoothing > 0) {
            target = target.mul(1 - smoothing).add(smoothing / classes);
        }
        return logProbabilities.mul(target).sum(new int[] {-1}).mean().neg();
    }

    /** Class probabilities {@code (N, K)} from either label form. */
    static NDArray targets(NDArray label, int classes) {
        if (label.getShape().dimension() >= 2) {
            return label.toType(DataType.FLOAT32, false);
        }
        return label.toType(DataType.INT64, false).oneHot(classes);
    }

    /** The class each label names: itself for indices, the most probable class for probabilities. */
    static NDArray classes(NDArray label) {
        if (label.getShape().dimension() >= 2) {
            return label.argMax(-1);
        }
        return label.toType(DataType.INT64, false);
    }
}
