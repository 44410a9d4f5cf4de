package org.greendl.nn.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A pre-norm transformer encoder layer: {@code x + attention(norm(x))}, then {@code x + mlp(norm(x))} with a
 * GELU MLP. Layer norms normalise each token (axis 2 of (B, N, D)). An optional second input, a (B, N) key mask
 * (1 token, 0 padding), goes to the attention and out again beside the result, so layers chain. The attention is softmax or linear ({@link #kind()}).
 */
public final class TransformerEncoder extends AbstractBlock {
    private final int embedDim;
    private final int heads;
    private final int headDim;
    private final int mlpDim;
    private final String kind;
    private final LayerNorm norm1;
    private final Attention attention;
    private final LayerNorm norm2;
    private final SequentialBlock mlp;

    private TransformerEncoder(Builder b) {
        embedDim = b.embedDim;
        heads = b.heads;
        mlpDim = b.mlpDim;
        kind = b.kind;
        norm1 = addChildBlock("norm1", LayerNorm.builder().axis(2).build());
        attention = addChildBlock("attention", attention(kind, embedDim, heads, b.headDim));
        headDim = attention.headDim();
        norm2 = addChildBlock("norm2", LayerNorm.builder().axis(2).build());
        mlp = addChildBlock("mlp", new SequentialBlock().addAll(Linear.builder().setUnits(mlpDim).build(),
                Activation.geluBlock(), Linear.builder().setUnits(embedDim).build()));
    }

    /** A softmax or linear attention block. */
    public static Attention attention(String kind, int embedDim, int heads) {
        return attention(kind, embedDim, heads, 0);
    }

    /** A softmax or linear attention block with heads of size {@code headDim} (0: embedDim / heads). */
    public static Attention attention(String kind, int embedDim, int heads, int headDim) {
        return switch (kind) {
            case "softmax" -> SoftmaxAttention.builder().setEmbedDim(embedDim).setHeads(heads).optHeadDim(headDim)
                    .build();
            case "linear" -> LinearAttention.builder().setEmbedDim(embedDim).setHeads(heads).optHeadDim(headDim)
                    .build();
            default -> throw new IllegalArgumentException("attention must be softmax or linear, got '" + kind + "'");
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    public int embedDim() {
        return embedDim;
    }

    public int heads() {
        return heads;
    }

    /** The size of one attention head (embedDim / heads unless heads were pruned). */
    public int headDim() {
        return headDim;
    }

    public int mlpDim() {
        return mlpDim;
    }

    public String kind() {
        return kind;
    }

    public LayerNorm norm1() {
        return norm1;
    }

    public Attention attention() {
        return attention;
    }

    public LayerNorm norm2() {
        return norm2;
    }

    public SequentialBlock mlp() {
        return mlp;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray keyMask = inputs.size() > 1 ? inputs.get(1) : null;
        NDList h = norm1.forward(ps, new NDList(x), training, params);
        if (keyMask != null) {
            h = new NDList(h.head(), keyMask);
        }
        x = x.add(attention.forward(ps, h, training, params).singletonOrThrow());
        h = norm2.forward(ps, new NDList(x), training, params);
        NDArray y = x.add(mlp.forward(ps, h, training, params).singletonOrThrow());
        return keyMask == null ? new NDList(y) : new NDList(y, keyMask);
    }

    /** (B, N, D), or (B, N, D) and the (B, N) key mask, which passes through unchanged. */
    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape out = attention.getOutputShapes(new Shape[] {inputs[0]})[0];
        return inputs.length > 1 ? new Shape[] {out, inputs[1]} : new Shape[] {out};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        norm1.initialize(manager, dataType, x);
        attention.initialize(manager, dataType, x);
        norm2.initialize(manager, dataType, x);
        mlp.initialize(manager, dataType, x);
    }

    /** setEmbedDim and setHeads are required; the MLP defaults to 2x the embedding, attention to softmax. */
    public static final class Builder {
        private int embedDim;
        private int heads;
        private int headDim;
        private int mlpDim;
        private String kind = "softmax";

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

        public Builder optMlpDim(int d) {
            mlpDim = d;
            return this;
        }

        /** softmax (default) or linear. */
        public Builder optAttention(String k) {
            kind = k;
            return this;
        }

        public TransformerEncoder build() {
            if (mlpDim == 0) {
                mlpDim = 2 * embedDim;
            }
            return new TransformerEncoder(this);
        }
    }
}
