package org.greendl.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.greendl.profile.ProfileOptions;
import org.greendl.profile.Profiler;
import org.junit.jupiter.api.Test;

/** Costs are the profiler's counts; sparsity is the run records' (zero weights among weight tensors). */
class CostsTest {

    @Test
    void countsWhatTheProfilerCountsAndWeightSparsityOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear linear = Linear.builder().setUnits(2).build();
            SequentialBlock model = new SequentialBlock().add(linear);
            model.initialize(m, DataType.FLOAT32, new Shape(4, 3));
            Params.set(Params.direct(linear, "weight"), new float[] {1, 0, 0, 2, 0, 3}); // 3 of 6 zero
            Params.set(Params.direct(linear, "bias"), new float[] {0, 0}); // zero biases are not weights

            Costs c = Costs.of(model, new Shape(4, 3));

            var profile = Profiler.profile(model, new Shape(1, 3), ProfileOptions.defaults().withSparsity(true));
            assertEquals(profile.total().macs(), c.macs());
            assertEquals(6, c.macs());
            assertEquals(3, c.effectiveMacs());
            assertEquals(8, c.params());
            assertEquals(3, c.nonzeroParams());
            assertEquals(0.5, c.sparsity(), 1e-12);
        }
    }
}
