package org.greendl.nn.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Multi-head self-attention over (B, N, D) tokens, with an optional second input, a (B, N) key mask (1 for a
 * token, 0 for padding, which no query attends to): one linear map makes queries, keys and values, the
 * heads mix values ({@link #mix}), a linear map projects back to D. Subclasses choose how tokens are mixed:
 * {@link SoftmaxAttention} (O(N^2 D)) or {@link LinearAttention} (O(N D^2 / h)).
 */
public abstract class Attention extends AbstractBlock {
    protected final int embedDim;
    protected final int heads;
    protected final int headDim;
    protected final Linear qkv;
    protected final Linear out;

    protected Attention(int embedDim, int heads) {
        this(embedDim, heads, 0);
    }

    /**
     * {@code headDim} 0: embedDim / heads. A head size of its own keeps d when heads were pruned away (fewer heads of
     * the same size; the output projection still maps back to embedDim).
     */
    protected Attention(int embedDim, int heads, int headDim) {
        if (embedDim < 1 || heads < 1 || (headDim == 0 && embedDim % heads != 0) || headDim < 0) {
            throw new IllegalArgumentException("attention: embedding size must be a positive multiple of the"
                    + " number of heads (got " + embedDim + " and " + heads + ")");
        }
        this.embedDim = embedDim;
        this.heads = heads;
        this.headDim = headDim == 0 ? embedDim / heads : headDim;
        qkv = addChildBlock("qkv", Linear.builder().setUnits(3L * heads * this.headDim).build());
        out = addChildBlock("out", Linear.builder().setUnits(embedDim).build());
    }

    /** The size d of one head (embedDim / heads unless heads were pruned). */
    public int headDim() {
        return headDim;
    }

    /** "softmax" or "linear". */
    public abstract String kind();

    public int embedDim() {
        return embedDim;
    }

    public int heads() {
        return heads;
    }

    public Linear qkv() {
        return qkv;
    }

    public Linear out() {
        return out;
    }

    /** Mixes values across tokens: q, k, v are (B, h, N, d); returns (B, h, N, d). */
    protected NDArray mix(NDArray q, NDArray k, NDArray v) {
        return mix(q, k, v, null);
    }

    /**
     * Mixes values across the tokens whose key mask is 1: {@code keyMask} is (B, N), 1 for a token and 0 for
     * padding, or null when every token counts. A masked token still gets an output (its query is mixed over
     * the real tokens); poolings downstream leave it out.
     */
    protected abstract NDArray mix(NDArray q, NDArray k, NDArray v, NDArray keyMask);

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray keyMask = inputs.size() > 1 ? inputs.get(1) : null;
        Shape s = x.getShape();
        long b = s.get(0);
        long n = s.get(1);
        int d = headDim;
        NDArray all = qkv.forward(ps, new NDList(x), training, params).singletonOrThrow()
                .reshape(b, n, 3, heads, d).transpose(2, 0, 3, 1, 4);
        NDArray mixed = mix(all.get(0), all.get(1), all.get(2), keyMask);
        NDArray merged = mixed.transpose(0, 2, 1, 3).reshape(b, n, (long) heads * d);
        return out.forward(ps, new NDList(merged), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        if (s.dimension() != 3 || s.get(2) != embedDim) {
            throw new IllegalArgumentException("attention expects (batch, tokens, " + embedDim + "), got " + s);
        }
        return new Shape[] {s};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        qkv.initialize(manager, dataType, x);
        out.initialize(manager, dataType, new Shape(x.get(0), x.get(1), (long) heads * headDim));
    }
}
