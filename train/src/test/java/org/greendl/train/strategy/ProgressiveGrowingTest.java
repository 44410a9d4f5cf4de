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
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.Batch;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.greendl.data.FashionMnistSplits;
import org.greendl.nn.spec.BlockSpecs;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.train.Checkpoints;
import org.greendl.train.ModelStore;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Net2DeeperNet growing of cnn: the grown net computes what the shallow one did, and then trains on. */
class ProgressiveGrowingTest {
    @Test
    void shallowCnnLeavesOutTheSecondConvOfEachStage() {
        Net2Net.Shallow s = Net2Net.shallow(ModelZoo.build("cnn"));
        assertEquals(List.of(3, 7), s.removed().stream().map(Net2Net.Removed::position).toList());
        assertEquals(List.of(32, 64), s.removed().stream().map(r -> r.conv().getFilters()).toList());
        assertEquals(ModelZoo.build("cnn").getChildren().size() - 6, s.block().getChildren().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Net2Net.shallow(ModelZoo.build("lenet5")));
        assertTrue(e.getMessage().startsWith("grow found no conv"), e.getMessage());
    }

    @Test
    void deepenedCnnComputesTheSameLogitsOnFashionMnistAndIsCnn() throws Exception {
        FashionMnistSplits data = fashion(256, 64);
        Net2Net.Shallow s = Net2Net.shallow(ModelZoo.build("cnn"));
        SequentialBlock net = s.block();
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, ONE_IMAGE);
            ParameterStore ps = new ParameterStore(m, false);
            // Training-mode passes move the batch norms' running statistics away from their initial 0 / 1.
            for (Batch b : data.train().getData(m)) {
                try (b) {
                    net.forward(ps, b.getData(), true);
                }
            }
            NDArray images;
            try (Batch b = data.test().getData(m).iterator().next()) {
                NDArray x = b.getData().head();
                images = m.create(x.toFloatArray(), x.getShape());
            }
            NDArray before = net.forward(ps, new NDList(images), false).head();
            long shallowParams = params(net);
            for (int i = s.removed().size() - 1; i >= 0; i--) {
                Net2Net.Removed r = s.removed().get(i);
                Net2Net.deepen(net, r.position(), r.conv(), r.batchNorm(), r.relu(), images, m);
            }
            NDArray after = net.forward(ps, new NDList(images), false).head();
            float diff = after.sub(before).abs().max().getFloat();
            assertTrue(diff <= 1e-4f, "logits changed by " + diff + " after growing");
            assertTrue(before.abs().max().getFloat() > 0.1f, "logits are not trivially zero");
            // The grown net is the zoo's cnn, layer for layer, with the extra parameters of two 3x3 convs.
            assertEquals(BlockSpecs.toJson(ModelZoo.build("cnn")), BlockSpecs.toJson(net));
            Block full = ModelZoo.build("cnn");
            full.initialize(m, DataType.FLOAT32, ONE_IMAGE);
            assertEquals(params(full), params(net));
            assertEquals(shallowParams + (32 * 32 * 9 + 32 + 2 * 32) + (64 * 64 * 9 + 64 + 2 * 64), params(net));
            // In training mode the new batch norms see near their sample statistics: close, not exact.
            NDArray trainingAfter = net.forward(ps, new NDList(images), true).head();
            assertTrue(trainingAfter.sub(after).abs().max().getFloat() < 10f);
        }
    }

    @Test
    void deepenRefusesAPositionNotAfterARelu() {
        Net2Net.Shallow s = Net2Net.shallow(ModelZoo.build("cnn"));
        try (NDManager m = NDManager.newBaseManager()) {
            s.block().initialize(m, DataType.FLOAT32, ONE_IMAGE);
            Net2Net.Removed r = s.removed().get(0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Net2Net.deepen(
                    s.block(), 2, r.conv(), r.batchNorm(), r.relu(), m.ones(ONE_IMAGE), m));
            assertTrue(e.getMessage().contains("after a ReLU"), e.getMessage());
        }
    }

    @Test
    void growRunGrowsAfterTheConfiguredEpochAndTrainsTheNewLayers(@TempDir Path dir) throws Exception {
        FashionMnistSplits data = fashion(448, 128);
        List<Strategy> strategies = Strategies.parse("grow:0.5");
        TrainingConfig.Builder config = TrainingConfig.builder().setEpochs(2).setBatchSize(64).setLearningRate(0.001)
                .optModelName("cnn").optSeed(4).optOutputDir(dir);
        Block block = Strategies.apply(strategies, ModelZoo.build("cnn"), config, new StrategyContext(2, 7, 4));
        assertEquals(1, ((ProgressiveGrowing) strategies.get(0)).growAfter(2));
        try (TrainingSession session = new TrainingSession(config.build())) {
            RunRecord r = session.train(block, data.train(), data.validation(), data.test());
            assertEquals(2, r.epochs().size());
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> growth = (List<Map<String, Object>>) r.config().get("growth");
            assertEquals(1, growth.size());
            Map<String, Object> event = growth.get(0);
            assertEquals(1, event.get("after_epoch"));
            assertEquals(2, ((List<?>) event.get("inserted")).size());
            assertTrue((double) event.get("max_abs_logit_change") <= 1e-4, event.toString());
            assertTrue((long) event.get("params_after") > (long) event.get("params_before"));
            Block full = ModelZoo.build("cnn");
            try (NDManager m = NDManager.newBaseManager()) {
                full.initialize(m, DataType.FLOAT32, ONE_IMAGE);
                assertEquals(params(full), r.model().params(), "run.json records the grown model");
                assertEquals(params(full), event.get("params_after"));
            }
            // The optimizer updated the inserted conv during epoch 2: it is no longer the Dirac kernel.
            Conv2d inserted = (Conv2d) block.getChildren().get(3).getValue();
            NDArray w = inserted.getParameters().get("weight").getArray();
            try (NDManager m = NDManager.newBaseManager()) {
                float[] dirac = new float[32 * 32 * 9];
                for (int c = 0; c < 32; c++) {
                    dirac[(c * 32 + c) * 9 + 4] = 1f;
                }
                float moved = w.sub(m.create(dirac, w.getShape())).abs().max().getFloat();
                assertTrue(moved > 1e-4f, "inserted conv weight moved only " + moved);
            }
            assertTrue(r.metrics().testAccuracy() > 0.3, "test accuracy " + r.metrics().testAccuracy());
            // Checkpoint after the grown epoch 2 (optimizer state of the new layers by name) and the saved model.
            assertEquals(2, Checkpoints.read(dir).state().epoch());
            try (NDManager m = NDManager.newBaseManager()) {
                SavedModel saved = ModelStore.load(dir, m);
                assertEquals(BlockSpecs.toJson(ModelZoo.build("cnn")), BlockSpecs.toJson(saved.block()));
            }
        }
    }

    @Test
    void growNeedsTwoEpochsAndASetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Strategies.apply(Strategies.parse("grow"), ModelZoo.build("cnn"),
                        TrainingConfig.builder().setEpochs(1), new StrategyContext(1, 5, 1)));
        assertTrue(e.getMessage().contains("at least 2 epochs"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Strategies.parse("grow:1.5"));
        assertThrows(IllegalArgumentException.class, () -> Strategies.parse("grow:0.3:2"));
        assertEquals(3, new ProgressiveGrowing(0.3).growAfter(10));
        assertEquals(1, new ProgressiveGrowing(0.3).growAfter(3));
        assertEquals(9, new ProgressiveGrowing(0.99).growAfter(10));
    }
}
