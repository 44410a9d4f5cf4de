package org.greendl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.greendl.nn.spec.ModelSpec;
import org.greendl.record.RunRecord;

/**
 * A model loaded by {@link ModelStore#load}: the rebuilt block with its parameters, its run record, and its spec
 * (with the input shape and class count when the model was saved with them). Closing it frees the parameters when
 * {@code load(dir)} created their manager.
 */
public record SavedModel(Block block, RunRecord record, ModelSpec spec) implements AutoCloseable {
    @Override
    public void close() {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().isInitialized()) {
                NDArray array = p.getValue().getArray();
                if (array.getManager().isOpen()) {
                    array.getManager().close();
                }
                return;
            }
        }
    }
}
