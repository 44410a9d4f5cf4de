package org.greendl.nn.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A sequence classifier: layer norm per token, then one vector per sequence, then a linear map to class
 * logits. {@code mean} averages the tokens whose mask is 1 (padding left out; a sequence of padding only
 * gives the zero vector); {@code cls} takes the first token (the class token of a {@link TokenEmbedding}).
 * Input (B, L, H) hidden states and the (B, L) mask; output (B, classes).
 */
public final class SequenceHead extends AbstractBlock {
    private final String pool;
    private final int classes;
    private final LayerNorm norm;
    private final Linear classifier;

    private SequenceHead(Builder b) {
        if (!"mean".equals(b.pool) && !"cls".equals(b.pool)) {
            throw new IllegalArgumentException("sequence pooling must be mean or cls, got '" + b.pool + "'");
        }
        if (b.classes < 1) {
            throw new IllegalArgumentException("sequence head needs setClasses >= 1, got " + b.classes);
        }
        pool = b.pool;
        classes = b.classes;
        norm = addChildBlock("norm", LayerNorm.builder().axis(2).build());
        classifier = addChildBlock("classifier", Linear.builder().setUnits(classes).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** "mean" or "cls". */
    public String pool() {
        return pool;
    }

    public int classes() {
        return classes;
    }

    public LayerNorm norm() {
        return norm;
    }

    public Linear classifier() {
        return classifier;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray h = norm.forward(ps, new NDList(inputs.head()), training, params).singletonOrThrow();
        NDArray pooled;
        if ("cls".equals(pool)) {
            pooled = h.get(new NDIndex(":, 0, :"));
        } else if (inputs.size() < 2) {
            pooled = h.mean(new int[] {1});
        } else {
            NDArray mask = inputs.get(1);
            Shape s = mask.getShape();
            NDArray sum = h.mul(mask.reshape(s.get(0), s.get(1), 1)).sum(new int[] {1});
            // at least 1 so that a sequence of padding only divides 0 by 1, not by 0
            NDArray count = mask.sum(new int[] {1}, true).maximum(mask.getManager().ones(new Shape(1)));
            pooled = sum.div(count);
        }
        return classifier.forward(ps, new NDList(pooled), training, params);
    }

    /** The (B, H) vector a sequence is classified from. */
    public Shape pooledShape(Shape hidden) {
        return new Shape(hidden.get(0), hidden.get(2));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), classes)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        norm.initialize(manager, dataType, inputShapes[0]);
        classifier.initialize(manager, dataType, pooledShape(inputShapes[0]));
    }

    /** setClasses is required; pooling defaults to mean. */
    public static final class Builder {
        private String pool = "mean";
        private int classes;

        public Builder setClasses(int c) {
            classes = c;
            return this;
        }

        /** mean (default) or cls. */
        public Builder optPool(String p) {
            pool = p;
            return this;
        }

        public SequenceHead build() {
            return new SequenceHead(this);
        }
    }
}
