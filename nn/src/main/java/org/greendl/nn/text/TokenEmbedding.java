package org.greendl.nn.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.greendl.nn.embedding.FactorizedEmbedding;

/**
 * Token ids to hidden states: a V x H table (or ALBERT's factorized V x E table and E -> H projection), an
 * optional learned class token in front, plus a learned position embedding. Input (B, L) token ids, exact
 * integers in any number type, and optionally a (B, L) attention mask (1 token, 0 padding); without one the
 * mask is {@code ids != 0} ({@link org.greendl.nn.zoo.InputSpec#PADDING_TOKEN}). Output: hidden states
 * (B, L', H) and the float mask (B, L'), where L' = L + 1 with a class token (always unmasked).
 *
 * <p>The positions are sized for the length the block is initialized with; a shorter input uses the first
 * ones, so one model serves any length up to that.
 */
public final class TokenEmbedding extends AbstractBlock {
    private final int vocabulary;
    private final int hiddenSize;
    private final int factorizedSize;
    private final boolean classToken;
    private final Parameter table;
    private final FactorizedEmbedding factorized;
    private final Parameter position;
    private final Parameter cls;

    private TokenEmbedding(Builder b) {
        if (b.vocabulary < 3 || b.hiddenSize < 1 || b.factorizedSize < 0) {
            throw new IllegalArgumentException("token embedding needs setVocabularySize (at least 3: padding, unknown"
                    + " and a token) and setHiddenSize, got " + b.vocabulary + " and " + b.hiddenSize);
        }
        vocabulary = b.vocabulary;
        hiddenSize = b.hiddenSize;
        factorizedSize = b.factorizedSize;
        classToken = b.classToken;
        if (factorizedSize > 0) {
            table = null;
            factorized = addChildBlock("factorized", FactorizedEmbedding.builder().setVocabularySize(vocabulary)
                    .setEmbeddingSize(factorizedSize).setHiddenSize(hiddenSize).build());
        } else {
            factorized = null;
            table = addParameter(Parameter.builder().setName("table").setType(Parameter.Type.WEIGHT)
                    .optShape(new Shape(vocabulary, hiddenSize)).optInitializer(new NormalInitializer(0.02f))
                    .build());
        }
        position = addParameter(Parameter.builder().setName("position").setType(Parameter.Type.OTHER)
                .optInitializer(new NormalInitializer(0.02f)).build());
        cls = classToken ? addParameter(Parameter.builder().setName("cls").setType(Parameter.Type.OTHER)
                .optShape(new Shape(1, 1, hiddenSize)).optInitializer(new NormalInitializer(0.02f)).build()) : null;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int vocabularySize() {
        return vocabulary;
    }

    public int hiddenSize() {
        return hiddenSize;
    }

    /** E of the factorized table, 0 for a plain V x H table. */
    public int factorizedSize() {
        return factorizedSize;
    }

    /** The factorized lookup, or null for a plain table. */
    public FactorizedEmbedding factorized() {
        return factorized;
    }

    public boolean classToken() {
        return classToken;
    }

    /** Tokens out for {@code length} tokens in: one more with a class token. */
    public long outputLength(long length) {
        return classToken ? length + 1 : length;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.head();
        NDArray mask = inputs.size() > 1 ? inputs.get(1).toType(DataType.FLOAT32, false)
                : ids.neq(0).toType(DataType.FLOAT32, false);
        NDArray x;
        if (factorized != null) {
            x = factorized.forward(ps, new NDList(ids), training, params).singletonOrThrow();
        } else {
            NDArray weights = ps.getValue(table, ids.getDevice(), training);
            x = Embedding.embedding(ids.toType(DataType.INT64, false), weights, SparseFormat.DENSE).singletonOrThrow();
        }
        long b = x.getShape().get(0);
        if (classToken) {
            NDArray c = ps.getValue(cls, ids.getDevice(), training).broadcast(new Shape(b, 1, hiddenSize));
            x = NDArrays.concat(new NDList(c, x), 1);
            mask = NDArrays.concat(new NDList(mask.getManager().ones(new Shape(b, 1)), mask), 1);
        }
        long n = x.getShape().get(1);
        NDArray pos = ps.getValue(position, ids.getDevice(), training);
        if (n > pos.getShape().get(1)) {
            throw new IllegalArgumentException("token embedding: " + n + " tokens, but positions were learned for "
                    + pos.getShape().get(1));
        }
        if (n < pos.getShape().get(1)) {
            pos = pos.get(new NDIndex(":, :{}, :", n));
        }
        return new NDList(x.add(pos), mask);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape in = inputs[0];
        if (in.dimension() != 2) {
            throw new IllegalArgumentException("token embedding expects (batch, tokens) ids, got " + in);
        }
        long n = outputLength(in.get(1));
        return new Shape[] {new Shape(in.get(0), n, hiddenSize), new Shape(in.get(0), n)};
    }

    @Override
    protected void prepare(Shape[] inputs) {
        position.setShape(new Shape(1, outputLength(inputs[0].get(1)), hiddenSize));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (factorized != null) {
            factorized.initialize(manager, dataType, inputShapes[0]);
        }
    }

    /** setVocabularySize and setHiddenSize are required. */
    public static final class Builder {
        private int vocabulary;
        private int hiddenSize;
        private int factorizedSize;
        private boolean classToken;

        public Builder setVocabularySize(int v) {
            vocabulary = v;
            return this;
        }

        public Builder setHiddenSize(int h) {
            hiddenSize = h;
            return this;
        }

        /** E: a V x E table and an E -> H projection instead of V x H (ALBERT); 0 (default) for none. */
        public Builder optFactorizedSize(int e) {
            factorizedSize = e;
            return this;
        }

        /** A learned class token in front of the sequence, for {@code pool=cls}. */
        public Builder optClassToken(boolean c) {
            classToken = c;
            return this;
        }

        public TokenEmbedding build() {
            return new TokenEmbedding(this);
        }
    }
}
