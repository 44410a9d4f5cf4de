package org.greendl.train.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.ArrayList;
import java.util.List;
import org.greendl.record.RunRecord;
import org.greendl.train.TrainingConfig;
import org.junit.jupiter.api.Test;

class LayerFreezingTest {
    @Test
    void scheduleFreezesMoreLayersLater() {
        LayerFreezing f = new LayerFreezing(0.5, 1.0);
        assertEquals(0, f.layersToFreeze(10, 0.25));
        assertEquals(0, f.layersToFreeze(10, 0.5));
        assertEquals(5, f.layersToFreeze(10, 0.75));
        assertEquals(10, f.layersToFreeze(10, 1.0));
        assertEquals(3, new LayerFreezing(0, 0.5).layersToFreeze(6, 1.0));
    }

    @Test
    void freezesTheEarliestLayersFirst() {
        Block b = TinyRuns.convNet();
        try (NDManager m = NDManager.newBaseManager()) {
            b.initialize(m, DataType.FLOAT32, new Shape(1, 1, 12, 12));
            List<Block> frozen = LayerFreezing.freezeFirst(b, 1);
            assertEquals(1, frozen.size());
            List<Block> layers = Layers.parameterized(b);
            assertEquals(3, layers.size(), "conv, batch norm, linear");
            assertTrue(layers.get(0).getDirectParameters().values().stream().noneMatch(Parameter::requiresGradient));
            assertTrue(layers.get(2).getDirectParameters().values().stream().allMatch(Parameter::requiresGradient));
        }
    }

    @Test
    void frozenLayersStopChangingDuringTraining() throws Exception {
        Block block = TinyRuns.convNet();
        List<float[]> convAfterEpoch = new ArrayList<>();
        List<float[]> linearAfterEpoch = new ArrayList<>();
        TrainingConfig.Builder config = TinyRuns.config(3);
        List<Strategy> strategies = Strategies.parse("freeze:0:1.0");
        Block prepared = Strategies.apply(strategies, block, config, new StrategyContext(3, 10, 5));
        // Added after the strategy's listener, so it sees the weights once that epoch's freezing is done.
        List<ai.djl.training.listener.TrainingListener> listeners = new ArrayList<>(config.build().listeners());
        listeners.add(new TrainingListenerAdapter() {
            @Override
            public void onEpoch(Trainer trainer) {
                List<Block> layers = Layers.parameterized(prepared);
                convAfterEpoch.add(weight(layers.get(0)));
                linearAfterEpoch.add(weight(layers.get(2)));
            }
        });
        config.optListeners(listeners);
        RunRecord r = org.greendl.train.TrainingSession.run(prepared, TinyRuns.data(320, 1, 32, true),
                TinyRuns.data(160, 2, 64, false), null, config.build());
        assertEquals("completed", r.stopReason());
        assertEquals(3, convAfterEpoch.size());
        // After epoch 1 (1/3 done) the convolution is frozen: epochs 2 and 3 leave it as it was.
        assertArrayEquals(convAfterEpoch.get(0), convAfterEpoch.get(2));
        // After epoch 2 two of three layers are frozen; the classifier keeps learning in epoch 3.
        assertFalse(java.util.Arrays.equals(linearAfterEpoch.get(1), linearAfterEpoch.get(2)));
        assertTrue(r.epochs().get(2).trainAccuracy() > 0.3, "accuracy " + r.epochs().get(2).trainAccuracy());
    }

    private static float[] weight(Block layer) {
        return layer.getDirectParameters().get("weight").getArray().toFloatArray();
    }
}
