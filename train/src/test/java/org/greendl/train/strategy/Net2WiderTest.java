package org.greendl.train.strategy;

import static org.greendl.train.strategy.GrowingFixtures.ONE_IMAGE;
import static org.greendl.train.strategy.GrowingFixtures.fashion;
import static org.greendl.train.strategy.GrowingFixtures.params;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.greendl.data.FashionMnistSplits;
import org.greendl.nn.spec.BlockSpecs;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.train.ModelStore;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Net2WiderNet widening of cnn: the wide net computes what the narrow one did, and then trains on. */
class Net2WiderTest {
    @Test
    void narrowCnnHalvesEveryConvAndRefusesWhatItCannotWiden() {
        Net2Wider.Narrow n = Net2Wider.narrow(ModelZoo.build("cnn"));
        // conv, bn at 0-1, 3-4, 7-8, 10-11; the first linear after flatten at 15.
        assertEquals(List.of(0, 1, 3, 4, 7, 8, 10, 11, 15), n.changed());
        List<Integer> filters = n.block().getChildren().values().stream().filter(b -> b instanceof Conv2d)
                .map(b -> ((Conv2d) b).getFilters()).toList();
        assertEquals(List.of(16, 16, 32, 32), filters);
        assertEquals(ModelZoo.build("cnn").getChildren().size(), n.block().getChildren().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Net2Wider.narrow(ModelZoo.build("mobilenet-mini")));
        assertTrue(e.getMessage().startsWith("widen"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Net2Wider.narrow(ModelZoo.build("mlp")));
    }

    @Test
    void widenedCnnComputesTheSameLogitsOnFashionMnistAndIsCnn() throws Exception {
        FashionMnistSplits data = fashion(256, 64);
        for (double noise : new double[] {0, ProgressiveGrowing.WIDEN_NOISE}) {
            Net2Wider.Narrow n = Net2Wider.narrow(ModelZoo.build("cnn"));
            try (NDManager m = NDManager.newBaseManager()) {
                n.block().initialize(m, DataType.FLOAT32, ONE_IMAGE);
                ParameterStore ps = new ParameterStore(m, false);
                for (Batch b : data.train().getData(m)) { // moves the batch norms' running statistics off 0 / 1
                    try (b) {
                        n.block().forward(ps, b.getData(), true);
                    }
                }
                NDArray images;
                try (Batch b = data.test().getData(m).iterator().next()) {
                    NDArray x = b.getData().head();
                    images = m.create(x.toFloatArray(), x.getShape());
                }
                NDArray before = n.block().forward(ps, new NDList(images), false).head();
                long narrowParams = params(n.block());
                List<String> log = Net2Wider.widen(n, ONE_IMAGE, m, noise, new Random(1));
                assertEquals(5, log.size(), log.toString());
                NDArray after = n.block().forward(ps, new NDList(images), false).head();
                float diff = after.sub(before).abs().max().getFloat();
                float scale = before.abs().max().getFloat();
                assertTrue(scale > 0.1f, "logits are not trivially zero");
                if (noise == 0) {
                    assertTrue(diff <= 1e-4f, "logits changed by " + diff + " after exact widening");
                } else {
                    assertTrue(diff > 0 && diff < 0.05f * scale, "noise changed logits by " + diff + " of " + scale);
                }
                assertEquals(BlockSpecs.toJson(ModelZoo.build("cnn")), BlockSpecs.toJson(n.block()));
                Block full = ModelZoo.build("cnn");
                full.initialize(m, DataType.FLOAT32, ONE_IMAGE);
                assertEquals(params(full), params(n.block()));
                assertTrue(narrowParams < params(full) / 2, narrowParams + " narrow parameters");
            }
        }
    }

    @Test
    void widenRunWidensAfterTheConfiguredEpochAndSavesCnn(@TempDir Path dir) throws Exception {
        FashionMnistSplits data = fashion(448, 128);
        List<Strategy> strategies = Strategies.parse("widen:0.5");
        assertEquals("widen:0.5", Strategies.describe(strategies));
        TrainingConfig.Builder config = TrainingConfig.builder().setEpochs(2).setBatchSize(64).setLearningRate(0.001)
                .optModelName("cnn").optSeed(4).optOutputDir(dir);
        Block block = Strategies.apply(strategies, ModelZoo.build("cnn"), config, new StrategyContext(2, 7, 4));
        try (TrainingSession session = new TrainingSession(config.build())) {
            RunRecord r = session.train(block, data.train(), data.validation(), data.test());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> growth = (List<Map<String, Object>>) r.config().get("growth");
            assertEquals(1, growth.size());
            Map<String, Object> event = growth.get(0);
            assertEquals(1, event.get("after_epoch"));
            assertEquals(5, ((List<?>) event.get("widened")).size());
            assertTrue((long) event.get("params_after") > 2 * (long) event.get("params_before"), event.toString());
            assertTrue(r.metrics().testAccuracy() > 0.3, "test accuracy " + r.metrics().testAccuracy());
            try (NDManager m = NDManager.newBaseManager()) {
                SavedModel saved = ModelStore.load(dir, m);
                assertEquals(BlockSpecs.toJson(ModelZoo.build("cnn")), BlockSpecs.toJson(saved.block()));
            }
        }
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Strategies.parse("grow,widen"));
        assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
    }
}
