package org.greendl.nn.zoo;

import static org.greendl.nn.Layers.linear;

import ai.djl.nn.SequentialBlock;
import org.greendl.nn.bag.BagOfEmbeddings;

/** The zoo's models on token ids {@code (L)}, sized by the data's vocabulary and classes. */
final class TextModels {
    private TextModels() {}

    /** fastText style: a {@code V x dim} table, the mean over non-padding tokens, a linear head. */
    static SequentialBlock bagOfEmbeddings(int vocabulary, int dim, int classes) {
        return new SequentialBlock().add(BagOfEmbeddings.builder().setVocabularySize(vocabulary).setDimension(dim)
                .build()).add(linear(classes));
    }
}
