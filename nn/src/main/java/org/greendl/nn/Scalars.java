package org.greendl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Multiply or divide by a constant inside a recorded (autograd) computation.
 *
 * <p>Why not {@code x.mul(2f)}: DJL's PyTorch engine turns the number into a scalar tensor over a direct
 * buffer without copying it, and closes that tensor as soon as the operation returns. Multiplication and
 * division keep the scalar for the backward pass, so once the garbage collector frees the buffer the backward
 * pass reads freed memory: wrong gradients, then NaN losses (found through stochastic depth diverging; see
 * {@code ScalarsTest}). Here the scalar belongs to {@code x}'s manager, so it lives until that manager (in
 * training: the batch's) is closed, after the backward pass. Addition and subtraction of a number keep
 * nothing for the backward pass and are safe as they are.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x * c}, safe to differentiate. */
    public static NDArray mul(NDArray x, double c) {
        return x.mul(scalar(x, c));
    }

    /** {@code x / c}, safe to differentiate. */
    public static NDArray div(NDArray x, double c) {
        return x.div(scalar(x, c));
    }

    private static NDArray scalar(NDArray x, double c) {
        NDManager manager = x.getManager();
        return manager.create((float) c).toType(x.getDataType(), false);
    }
}
