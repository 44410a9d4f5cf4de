package org.greendl.nn.attention;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Averages tokens: (B, N, D) to (B, D), the classifier input of a ViT without a class token. */
public final class TokenMean extends AbstractBlock {
    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return new NDList(inputs.singletonOrThrow().mean(new int[] {1}));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), inputs[0].get(2))};
    }
}
