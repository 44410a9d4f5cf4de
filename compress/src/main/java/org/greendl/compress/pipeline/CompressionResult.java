package org.greendl.compress.pipeline;

import java.nio.file.Path;
import org.greendl.train.ModelStore;
import org.greendl.record.RunRecord;

/**
 * What a compression job wrote: the run record of the new model (its size, accuracy and the energy of the
 * compression step plus fine-tuning) and the folder that holds the model.
 */
public record CompressionResult(RunRecord record, Path out) {
    /** The run.json beside the model. */
    public Path recordFile() {
        return out.resolve(ModelStore.RECORD);
    }
}
