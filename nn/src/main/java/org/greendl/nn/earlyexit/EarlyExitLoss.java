package org.greendl.nn.earlyexit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import org.greendl.nn.Scalars;

/**
 * BranchyNet's joint loss: the weighted sum of softmax cross-entropy over every exit of an
 * {@link EarlyExitNet}'s training output {@code [final, exit 0, exit 1, ...]}. Weights default to 1 each.
 * With a single prediction (inference output) it is plain cross-entropy.
 */
public final class EarlyExitLoss extends Loss {
    private final SoftmaxCrossEntropyLoss ce = new SoftmaxCrossEntropyLoss("ce");
    private final float[] weights;

    public EarlyExitLoss(float... weights) {
        super("EarlyExitLoss");
        this.weights = weights.clone();
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray total = null;
        for (int i = 0; i < predictions.size(); i++) {
            float w = i < weights.length ? weights[i] : 1f;
            NDArray l = Scalars.mul(ce.evaluate(labels, new NDList(predictions.get(i))), w);
            total = total == null ? l : total.add(l);
        }
        return total;
    }
}
