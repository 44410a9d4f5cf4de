package org.greendl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Wall time of one inference forward pass, for benchmarks that time a network directly on the engine. */
public final class ForwardTiming {
    private ForwardTiming() {}

    /** Milliseconds for {@code block.forward(x)} in inference mode, including reading the result back. */
    public static double millis(Block block, NDManager manager, NDArray x) {
        try (NDManager scope = manager.newSubManager()) {
            x.tempAttach(scope); // intermediates go to the scope and are freed with it
            long t0 = System.nanoTime();
            NDArray y = block.forward(new ParameterStore(scope, false), new NDList(x), false).singletonOrThrow();
            y.toFloatArray(); // wait for the result
            return (System.nanoTime() - t0) / 1e6;
        }
    }
}
