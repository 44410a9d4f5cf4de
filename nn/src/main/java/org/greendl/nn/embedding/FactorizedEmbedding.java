package org.greendl.nn.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Factorized embedding (ALBERT): token ids look up a small V x E table, then a linear map lifts E to the
 * hidden size H. Parameters V E + E H (+ H) instead of V H: for V = 30,000, E = 128, H = 768 that is
 * 3.9 M instead of 23 M. Input (B, L) token ids, output (B, L, H).
 */
public final class FactorizedEmbedding extends AbstractBlock {
    private final int vocabulary;
    private final int embeddingSize;
    private final int hiddenSize;
    private final Parameter table;
    private final Linear projection;

    private FactorizedEmbedding(Builder b) {
        if (b.vocabulary < 1 || b.embeddingSize < 1 || b.hiddenSize < 1) {
            throw new IllegalArgumentException("factorized embedding needs setVocabularySize, setEmbeddingSize and"
                    + " setHiddenSize");
        }
        vocabulary = b.vocabulary;
        embeddingSize = b.embeddingSize;
        hiddenSize = b.hiddenSize;
        table = addParameter(Parameter.builder().setName("table").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabulary, embeddingSize)).optInitializer(new NormalInitializer(0.02f)).build());
        projection = addChildBlock("projection", Linear.builder().setUnits(hiddenSize).build());
    }

    public static Builder builder() {
        return new Builder();
    }

    public int vocabularySize() {
        return vocabulary;
    }

    public int embeddingSize() {
        return embeddingSize;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    public Linear projection() {
        return projection;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow();
        NDArray weights = ps.getValue(table, ids.getDevice(), training);
        NDArray looked = Embedding.embedding(ids.toType(DataType.INT64, false), weights, SparseFormat.DENSE)
                .singletonOrThrow();
        return projection.forward(ps, new NDList(looked), training, params);
    }

    /** The (B, L, E) shape between lookup and projection. */
    public Shape lookupShape(Shape input) {
        return input.addAll(new Shape(embeddingSize));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0].addAll(new Shape(hiddenSize))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        projection.initialize(manager, dataType, lookupShape(inputShapes[0]));
    }

    /** All three sizes are required. */
    public static final class Builder {
        private int vocabulary;
        private int embeddingSize;
        private int hiddenSize;

        public Builder setVocabularySize(int v) {
            vocabulary = v;
            return this;
        }

        public Builder setEmbeddingSize(int e) {
            embeddingSize = e;
            return this;
        }

        public Builder setHiddenSize(int h) {
            hiddenSize = h;
            return this;
        }

        public FactorizedEmbedding build() {
            return new FactorizedEmbedding(this);
        }
    }
}
