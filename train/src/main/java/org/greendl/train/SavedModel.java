package org.greendl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.greendl.record.RunRecord;

/**
 * A model loaded by {@link ModelStore#load}: the rebuilt block with its parameters, and its run record.
 * Closing it frees the parameters when {@code load(dir)} created their manager.
 */
public record SavedModel(Block block, RunRecord record) implements AutoCloseable {
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
