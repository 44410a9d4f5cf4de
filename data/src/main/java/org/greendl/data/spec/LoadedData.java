package org.greendl.data.spec;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.greendl.data.ImageDataset;

/**
 * A user's dataset ready for training: the two splits as DJL datasets (the training split shuffled each epoch)
 * and the provenance a run record stores.
 */
public record LoadedData(ImageDataset train, ImageDataset test, DataProvenance provenance) {
    /** One example's shape, {@code (C, H, W)} or {@code (F)}. */
    public Shape inputShape() {
        return train.exampleShape();
    }

    public List<String> classNames() {
        return provenance.classNames();
    }
}
