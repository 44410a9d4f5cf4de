package org.greendl.nn.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.greendl.nn.Scalars;

/**
 * Standard scaled dot-product attention (Vaswani et al. 2017): softmax(Q K^T / sqrt(d)) V per head. Its
 * score matrix is N x N, so time and memory grow with the square of the sequence length. Padding keys get a
 * score of -1e9, so their softmax weight is 0.
 */
public final class SoftmaxAttention extends Attention {

    private SoftmaxAttention(Builder b) {
        super(b.embedDim, b.heads, b.headDim);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String kind() {
        return "softmax";
    }

    /** A score this far below the others has a softmax weight of exactly 0 in float32. */
    static final double MASKED_SCORE = -1e9;

    @Override
    protected NDArray mix(NDArray q, NDArray k, NDArray v, NDArray keyMask) {
        double scale = 1.0 / Math.sqrt(q.getShape().get(3));
        NDArray scores = Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)), scale);
        if (keyMask != null) {
            // (mask - 1) * 1e9: 0 for tokens, -1e9 for padding, added to every query's scores of that key
            Shape s = keyMask.getShape();
            NDArray bias = Scalars.mul(keyMask.sub(1f), -MASKED_SCORE).reshape(s.get(0), 1, 1, s.get(1));
            scores = scores.add(bias);
        }
        return scores.softmax(-1).matMul(v);
    }

    /** setEmbedDim and setHeads are required. */
    public static final class Builder {
        private int embedDim;
        private int heads;
        private int headDim;

        public Builder setEmbedDim(int d) {
            embedDim = d;
            return this;
        }

        public Builder setHeads(int h) {
            heads = h;
            return this;
        }

        /** The size of one head; default embedDim / heads (set when heads were pruned away). */
        public Builder optHeadDim(int d) {
            headDim = d;
            return this;
        }

        public SoftmaxAttention build() {
            return new SoftmaxAttention(this);
        }
    }
}
