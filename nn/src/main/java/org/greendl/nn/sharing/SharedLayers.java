package org.greendl.nn.sharing;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Cross-layer parameter sharing (ALBERT, Lan et al. 2020): one layer applied {@code repeats} times, so a
 * deep stack costs the parameters of a single layer (the compute is still that of the whole stack). The
 * layer must map its input shape to the same shape.
 */
public final class SharedLayers extends AbstractBlock {
    private final Block layer;
    private final int repeats;

    private SharedLayers(Builder b) {
        if (b.layer == null || b.repeats < 1) {
            throw new IllegalArgumentException("shared layers need setLayer and setRepeats >= 1");
        }
        layer = addChildBlock("layer", b.layer);
        repeats = b.repeats;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Block layer() {
        return layer;
    }

    public int repeats() {
        return repeats;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList x = inputs;
        for (int i = 0; i < repeats; i++) {
            x = layer.forward(ps, x, training, params);
        }
        return x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape[] out = layer.getOutputShapes(inputs);
        if (!java.util.Arrays.equals(out, inputs)) {
            throw new IllegalArgumentException("a shared layer must keep its input shape: " + inputs[0] + " became "
                    + out[0]);
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        layer.initialize(manager, dataType, inputShapes);
    }

    /** setLayer and setRepeats are required. */
    public static final class Builder {
        private Block layer;
        private int repeats;

        public Builder setLayer(Block b) {
            layer = b;
            return this;
        }

        public Builder setRepeats(int n) {
            repeats = n;
            return this;
        }

        public SharedLayers build() {
            return new SharedLayers(this);
        }
    }
}
