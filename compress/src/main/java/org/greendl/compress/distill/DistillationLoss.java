package org.greendl.compress.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import org.greendl.nn.Scalars;

/**
 * Hinton's distillation loss, L = alpha T^2 KL(softmax(t/T) || softmax(s/T)) + (1 - alpha) CE(s, y)
 * [+ hintWeight x mean squared hint error]. The T^2 factor keeps the soft term's gradients on the same scale as
 * the hard term's when T changes. Predictions come from {@link DistillationBlock}: (student logits, teacher
 * logits, then student/teacher hint pairs). With the student's logits alone (validation through a plain
 * block) it is the cross-entropy.
 */
public final class DistillationLoss extends Loss {
    private final DistillationConfig config;

    public DistillationLoss(DistillationConfig config) {
        super("DistillationLoss");
        this.config = config;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray student = predictions.get(0);
        NDArray hard = crossEntropy(student, labels.head());
        if (predictions.size() < 2) {
            return hard;
        }
        NDArray soft = softTargetLoss(student, predictions.get(1), config.temperature());
        NDArray loss = Scalars.mul(soft, config.alpha()).add(Scalars.mul(hard, 1 - config.alpha()));
        for (int i = 2; i + 1 < predictions.size(); i += 2) {
            NDArray diff = predictions.get(i).sub(predictions.get(i + 1));
            loss = loss.add(Scalars.mul(diff.square().mean(), config.hintWeight()));
        }
        return loss;
    }

    /** T^2 KL(softmax(teacher/T) || softmax(student/T)), averaged over the batch; teacher gets no gradient. */
    public static NDArray softTargetLoss(NDArray studentLogits, NDArray teacherLogits, double temperature) {
        float t = (float) temperature;
        NDArray logPs = Scalars.div(studentLogits, t).logSoftmax(-1);
        NDArray logPt = teacherLogits.stopGradient().div(t).logSoftmax(-1);
        NDArray kl = logPt.exp().mul(logPt.sub(logPs)).sum(new int[] {-1});
        return Scalars.mul(kl.mean(), t * t);
    }

    /** Mean cross-entropy of logits against integer class labels. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logP = logits.logSoftmax(-1);
        int classes = (int) logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray oneHot = labels.toType(ai.djl.ndarray.types.DataType.INT32, false).oneHot(classes);
        return logP.mul(oneHot).sum(new int[] {-1}).mean().neg();
    }
}
