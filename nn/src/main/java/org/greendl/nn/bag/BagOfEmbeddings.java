package org.greendl.nn.bag;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * fastText's text representation: token ids {@code (B, L)} look up a {@code V x D} table, and the vectors of
 * the non-padding tokens (id 0 is padding) are averaged to {@code (B, D)}. A text of padding only gives the zero
 * vector. The ids arrive as exact integers in floats (how every greendl dataset carries them) and are cast to
 * int64 here.
 */
public final class BagOfEmbeddings extends AbstractBlock {
    /** The token id that is left out of the mean. */
    public static final int PADDING = 0;

    private final int vocabulary;
    private final int dimension;
    private final Parameter table;

    private BagOfEmbeddings(Builder b) {
        if (b.vocabulary < 2 || b.dimension < 1) {
            throw new IllegalArgumentException("a bag of embeddings needs setVocabularySize (at least 2, padding"
                    + " included) and setDimension (at least 1), got " + b.vocabulary + " and " + b.dimension);
        }
        vocabulary = b.vocabulary;
        dimension = b.dimension;
        table = addParameter(Parameter.builder().setName("table").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabulary, dimension)).optInitializer(new NormalInitializer(0.1f)).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    public int vocabularySize() {
        return vocabulary;
    }

    public int dimension() {
        return dimension;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow().toType(DataType.INT64, false);
        NDArray weights = ps.getValue(table, ids.getDevice(), training);
        NDArray vectors = Embedding.embedding(ids, weights, SparseFormat.DENSE).singletonOrThrow(); // (B, L, D)
        NDArray mask = ids.neq(PADDING).toType(weights.getDataType(), false); // (B, L)
        NDArray sum = vectors.mul(mask.expandDims(2)).sum(new int[] {1}); // (B, D)
        NDArray count = mask.sum(new int[] {1}, true); // (B, 1)
        // At least 1, so a text of padding only gives 0; against a tensor, not a number (see Scalars).
        count = count.maximum(count.onesLike());
        return new NDList(sum.div(count));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), dimension)};
    }

    /** Both sizes are required. */
    public static final class Builder {
        private int vocabulary;
        private int dimension;

        /** Token ids in all, padding included. */
        public Builder setVocabularySize(int v) {
            vocabulary = v;
            return this;
        }

        /** The embedding size {@code D}. */
        public Builder setDimension(int d) {
            dimension = d;
            return this;
        }

        public BagOfEmbeddings build() {
            return new BagOfEmbeddings(this);
        }
    }
}
