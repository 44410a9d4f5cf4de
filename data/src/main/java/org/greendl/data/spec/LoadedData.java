package org.greendl.data.spec;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.greendl.data.ImageDataset;
import org.greendl.data.text.TextEncoding;

/**
 * A user's dataset ready for training: the two splits as DJL datasets (the training split shuffled each epoch)
 * and the provenance a run record stores; for text also the encoding that turned texts into token ids (null
 * otherwise), to be saved with a model.
 */
public record LoadedData(ImageDataset train, ImageDataset test, DataProvenance provenance, TextEncoding encoding) {
    /** Images or feature vectors (no text encoding). */
    public LoadedData(ImageDataset train, ImageDataset test, DataProvenance provenance) {
        this(train, test, provenance, null);
    }

    /** One example's shape, {@code (C, H, W)} or {@code (F)}. */
    public Shape inputShape() {
        return train.exampleShape();
    }

    public List<String> classNames() {
        return provenance.classNames();
    }
}
