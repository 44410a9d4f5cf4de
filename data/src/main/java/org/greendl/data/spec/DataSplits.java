package org.greendl.data.spec;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.greendl.data.ImageDataset;
import org.greendl.data.text.TextEncoding;

/**
 * The three splits a training run uses (validation null when none was held out) and where they came from.
 *
 * @param train shuffled each epoch, augmented if asked
 * @param validation held out of the training split, in a seeded order; null when the fraction is 0
 * @param test the data's own test split (or the held-out fraction), never augmented
 * @param encoding for text, what turned texts into token ids (saved with the model); null otherwise
 */
public record DataSplits(ImageDataset train, ImageDataset validation, ImageDataset test, DataProvenance provenance,
        TextEncoding encoding) {
    /** Images or feature vectors (no text encoding). */
    public DataSplits(ImageDataset train, ImageDataset validation, ImageDataset test, DataProvenance provenance) {
        this(train, validation, test, provenance, null);
    }

    /** The token vocabulary's size for text, 0 otherwise (see {@code InputSpec}). */
    public int vocabulary() {
        return provenance.vocabulary();
    }

    /** One example's shape, {@code (C, H, W)} or {@code (F)}. */
    public Shape inputShape() {
        return train.exampleShape();
    }

    public int classes() {
        return train.classes();
    }

    public List<String> classNames() {
        return provenance.classNames();
    }
}
