package org.greendl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Average pooling to a fixed output size, like torch's {@code AdaptiveAvgPool2d}, for inputs whose height and
 * width are multiples of the output's (then the windows are uniform: kernel = stride = input / output).
 * VGG's 7x7 pool before its classifier is one; at 224x224 input it is the identity.
 */
public final class AdaptiveAvgPool2d extends AbstractBlock {
    private final long outHeight;
    private final long outWidth;

    public AdaptiveAvgPool2d(long outHeight, long outWidth) {
        if (outHeight < 1 || outWidth < 1) {
            throw new IllegalArgumentException("adaptive pool output must be at least 1x1, got " + outHeight + "x"
                    + outWidth);
        }
        this.outHeight = outHeight;
        this.outWidth = outWidth;
    }

    public long outHeight() {
        return outHeight;
    }

    public long outWidth() {
        return outWidth;
    }

    /** The uniform window (kh, kw) for an input of this height and width. */
    public long[] window(Shape input) {
        long h = input.get(input.dimension() - 2);
        long w = input.get(input.dimension() - 1);
        if (h % outHeight != 0 || w % outWidth != 0) {
            throw new IllegalArgumentException("adaptive average pool to " + outHeight + "x" + outWidth
                    + " needs an input whose height and width are multiples of it, got " + h + "x" + w);
        }
        return new long[] {h / outHeight, w / outWidth};
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long[] k = window(x.getShape());
        if (k[0] == 1 && k[1] == 1) {
            return new NDList(x);
        }
        Shape kernel = new Shape(k[0], k[1]);
        return new NDList(ai.djl.nn.pooling.Pool.avgPool2d(x, kernel, kernel, new Shape(0, 0), false, true));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        window(in);
        return new Shape[] {new Shape(in.get(0), in.get(1), outHeight, outWidth)};
    }
}
