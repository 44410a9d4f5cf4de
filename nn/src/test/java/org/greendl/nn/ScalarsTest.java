package org.greendl.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

class ScalarsTest {
    /** Collects garbage and reuses freed direct memory, as a long training run does between forward and backward. */
    static void collectGarbage() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            for (int j = 0; j < 16; j++) {
                ByteBuffer.allocateDirect(4).putFloat(0, 1e30f);
            }
        }
    }

    private static int wrongGradients(BiFunction<NDArray, Double, NDArray> op, double c, double expected) {
        int wrong = 0;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int i = 0; i < 20; i++) {
                try (NDManager batch = manager.newSubManager()) {
                    NDArray x = batch.ones(new Shape(3));
                    x.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray y = op.apply(x, c);
                        collectGarbage();
                        collector.backward(y.sum());
                    }
                    if (Math.abs(x.getGradient().getFloat(0) - expected) > 1e-6) {
                        wrong++;
                    }
                }
            }
        }
        return wrong;
    }

    @Test
    void gradientsStayRightWhenTheGarbageCollectorRunsBeforeTheBackwardPass() {
        assertEquals(0, wrongGradients(Scalars::div, 4.0, 0.25));
        assertEquals(0, wrongGradients(Scalars::mul, 3.0, 3.0));
    }

    @Test
    void relu6HasTheRightGradientWhenTheGarbageCollectorRuns() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int i = 0; i < 10; i++) {
                try (NDManager batch = manager.newSubManager()) {
                    NDArray x = batch.create(new float[] {-1, 3, 7});
                    x.setRequiresGradient(true);
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        NDArray y = Layers.relu6(x);
                        assertArrayEquals(new float[] {0, 3, 6}, y.toFloatArray());
                        collectGarbage();
                        collector.backward(y.sum());
                    }
                    assertArrayEquals(new float[] {0, 1, 0}, x.getGradient().toFloatArray(), "pass " + i);
                }
            }
        }
    }

    @Test
    void valuesAndTypeMatchThePlainOperations() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1, -2, 6});
            assertEquals(x.div(4f), Scalars.div(x, 4));
            assertEquals(x.mul(0.5f), Scalars.mul(x, 0.5));
            assertEquals(x.getDataType(), Scalars.mul(x, 0.5).getDataType());
        }
    }
}
