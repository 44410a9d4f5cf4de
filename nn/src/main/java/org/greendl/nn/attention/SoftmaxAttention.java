package org.greendl.nn.attention;

import ai.djl.ndarray.NDArray;
import org.greendl.nn.Scalars;

/**
 * Standard scaled dot-product attention (Vaswani et al. 2017): softmax(Q K^T / sqrt(d)) V per head. Its
 * score matrix is N x N, so time and memory grow with the square of the sequence length.
 */
public final class SoftmaxAttention extends Attention {

    private SoftmaxAttention(Builder b) {
        super(b.embedDim, b.heads);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String kind() {
        return "softmax";
    }

    @Override
    protected NDArray mix(NDArray q, NDArray k, NDArray v) {
        double scale = 1.0 / Math.sqrt(q.getShape().get(3));
        NDArray scores = Scalars.mul(q.matMul(k.transpose(0, 1, 3, 2)), scale);
        return scores.softmax(-1).matMul(v);
    }

    /** setEmbedDim and setHeads are required. */
    public static final class Builder {
        private int embedDim;
        private int heads;

        public Builder setEmbedDim(int d) {
            embedDim = d;
            return this;
        }

        public Builder setHeads(int h) {
            heads = h;
            return this;
        }

        public SoftmaxAttention build() {
            return new SoftmaxAttention(this);
        }
    }
}
