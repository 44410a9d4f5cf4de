package org.greendl.nn.attention;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.greendl.nn.Layers;

/**
 * ViT patch embedding (Dosovitskiy et al. 2021): a p x p convolution with stride p turns (B, C, H, W) into
 * (H/p)(W/p) tokens of size D, plus a learned position embedding per token. Output (B, N, D).
 */
public final class PatchEmbedding extends AbstractBlock {
    private final int patch;
    private final int embedDim;
    private final Conv2d projection;
    private final Parameter position;

    private PatchEmbedding(Builder b) {
        if (b.patch < 1 || b.embedDim < 1) {
            throw new IllegalArgumentException("patch embedding needs setPatchSize and setEmbedDim (got " + b.patch
                    + ", " + b.embedDim + ")");
        }
        patch = b.patch;
        embedDim = b.embedDim;
        projection = addChildBlock("projection", Layers.conv(embedDim, patch, patch, 0));
        position = addParameter(Parameter.builder().setName("position").setType(Parameter.Type.OTHER)
                .optInitializer(new NormalInitializer(0.02f)).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    public int patchSize() {
        return patch;
    }

    public int embedDim() {
        return embedDim;
    }

    public Conv2d projection() {
        return projection;
    }

    /** Number of tokens for an input of this shape. */
    public long tokens(Shape input) {
        long h = input.get(2);
        long w = input.get(3);
        if (h % patch != 0 || w % patch != 0) {
            throw new IllegalArgumentException("patch embedding: image " + h + "x" + w + " does not split into "
                    + patch + "x" + patch + " patches");
        }
        return (h / patch) * (w / patch);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = projection.forward(ps, new NDList(x), training, params).singletonOrThrow();
        long b = y.getShape().get(0);
        NDArray tokens = y.reshape(b, embedDim, -1).transpose(0, 2, 1);
        NDArray pos = ps.getValue(position, x.getDevice(), training);
        return new NDList(tokens.add(pos));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), tokens(inputs[0]), embedDim)};
    }

    @Override
    protected void prepare(Shape[] inputs) {
        position.setShape(new Shape(1, tokens(inputs[0]), embedDim));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        projection.initialize(manager, dataType, inputShapes);
    }

    /** setPatchSize and setEmbedDim are required. */
    public static final class Builder {
        private int patch;
        private int embedDim;

        public Builder setPatchSize(int p) {
            patch = p;
            return this;
        }

        public Builder setEmbedDim(int d) {
            embedDim = d;
            return this;
        }

        public PatchEmbedding build() {
            return new PatchEmbedding(this);
        }
    }
}
