package org.greendl.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import org.junit.jupiter.api.Test;

/** Guards the reflection on DJL 0.36 internals: a DJL upgrade that moves them fails here first. */
class DjlBlocksTest {
    @Test
    void readsPoolSettingsFromTheLambda() {
        var p = DjlBlocks.pool(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1))).orElseThrow();
        assertEquals("max", p.op());
        assertArrayEquals(new long[] {3, 3}, p.kernel());
        assertArrayEquals(new long[] {2, 2}, p.stride());
        assertArrayEquals(new long[] {1, 1}, p.padding());
        var avg = DjlBlocks.pool(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), true, false))
                .orElseThrow();
        assertTrue(avg.ceilMode());
        assertFalse(avg.countIncludePad());
        assertTrue(DjlBlocks.pool(Pool.globalAvgPool2dBlock()).orElseThrow().global());
        assertTrue(DjlBlocks.pool(Activation.reluBlock()).isEmpty());
    }

    @Test
    void readsCoreSettings() {
        assertEquals(7, DjlBlocks.linearUnits(Linear.builder().setUnits(7).build()));
        assertFalse(DjlBlocks.linearHasBias(Linear.builder().setUnits(7).optBias(false).build()));
        var bn = DjlBlocks.batchNorm(BatchNorm.builder().optEpsilon(1e-3f).optMomentum(0.8f).build());
        assertEquals(1e-3f, bn.epsilon());
        assertEquals(0.8f, bn.momentum());
        assertEquals(0.3f, DjlBlocks.dropoutRate(Dropout.builder().optRate(0.3f).build()));
        assertEquals("relu6", DjlBlocks.activation(Activation.relu6Block()).orElseThrow());
        assertTrue(DjlBlocks.isFlatten(Blocks.batchFlattenBlock()));
        assertFalse(DjlBlocks.isFlatten(Blocks.batchFlattenBlock(10)));
        assertTrue(DjlBlocks.isIdentity(Blocks.identityBlock()));
    }
}
