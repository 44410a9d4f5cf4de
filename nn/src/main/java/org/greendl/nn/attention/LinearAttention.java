package org.greendl.nn.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * Linear attention (Katharopoulos et al. 2020, "Transformers are RNNs"): the softmax kernel is replaced by
 * a feature map phi(x) = elu(x) + 1, so attention becomes phi(Q) (phi(K)^T V) / (phi(Q) sum_n phi(K)). The
 * d x d summary phi(K)^T V is computed once, so cost grows linearly with the sequence length N. Padding keys
 * get phi(k) = 0, so they add nothing to the summary or the normaliser.
 */
public final class LinearAttention extends Attention {
    private static final float EPS = 1e-6f;

    private LinearAttention(Builder b) {
        super(b.embedDim, b.heads, b.headDim);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String kind() {
        return "linear";
    }

    /**
     * elu(x) + 1, written as exp(min(x, 0)) + max(x, 0) so neither branch overflows nor yields NaN grads;
     * max(x, 0) is relu(x) and min(x, 0) is x - relu(x), because minimum/maximum with a number would keep
     * a scalar the engine frees before the backward pass (see {@link org.greendl.nn.Scalars}).
     */
    static NDArray featureMap(NDArray x) {
        NDArray positive = Activation.relu(x);
        return x.sub(positive).exp().add(positive);
    }

    @Override
    protected NDArray mix(NDArray q, NDArray k, NDArray v, NDArray keyMask) {
        NDArray fq = featureMap(q);
        NDArray fk = featureMap(k);
        if (keyMask != null) {
            // phi(k) = 0 for padding: it adds nothing to the summary phi(K)^T V nor to the normaliser
            Shape s = keyMask.getShape();
            fk = fk.mul(keyMask.reshape(s.get(0), 1, s.get(1), 1));
        }
        NDArray kv = fk.transpose(0, 1, 3, 2).matMul(v); // (B, h, d, d)
        NDArray ksum = fk.sum(new int[] {2}, true); // (B, h, 1, d)
        NDArray norm = fq.mul(ksum).sum(new int[] {3}, true).add(EPS); // (B, h, N, 1)
        return fq.matMul(kv).div(norm);
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

        public LinearAttention build() {
            return new LinearAttention(this);
        }
    }
}
