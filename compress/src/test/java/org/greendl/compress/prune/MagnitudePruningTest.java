package org.greendl.compress.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.greendl.compress.Layers;
import org.greendl.compress.Params;
import org.greendl.compress.TinyModels;
import org.greendl.compress.Training;
import org.greendl.compress.WeightLayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MagnitudePruningTest {

    @Test
    void layerWisePrunesEachLayerToTheSparsityAndZeroesTheSmallest() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.init(TinyModels.cnn(), m, TinyModels.IMAGE, 1);
            WeightLayer conv = Layers.find(model, "04Conv2d");
            float[] before = Params.values(conv.weight());
            PruningMasks masks = MagnitudePruning.prune(model, MagnitudePruningConfig.of(0.75, PruningScope.LAYER));
            for (WeightLayer l : Layers.weightLayers(model)) {
                int n = (int) l.weightCount();
                assertEquals(Math.floor(0.75 * n) / n, masks.sparsity(l.name()), 1e-9, l.name());
                assertEquals(Math.floor(0.75 * n), zeros(Params.values(l.weight())), l.name());
            }
            // every surviving weight is at least as large as every pruned one
            float[] after = Params.values(conv.weight());
            float maxPruned = 0;
            float minKept = Float.MAX_VALUE;
            for (int i = 0; i < after.length; i++) {
                if (after[i] == 0) {
                    maxPruned = Math.max(maxPruned, Math.abs(before[i]));
                } else {
                    minKept = Math.min(minKept, Math.abs(before[i]));
                    assertEquals(before[i], after[i]);
                }
            }
            assertTrue(maxPruned <= minKept);
        }
    }

    @Test
    void globalUsesOneThresholdAndHitsTheOverallSparsity() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.init(TinyModels.cnn(), m, TinyModels.IMAGE, 2);
            // make one layer's weights tiny: a global threshold must take far more from it
            WeightLayer big = Layers.find(model, "09Linear");
            float[] w = Params.values(big.weight());
            for (int i = 0; i < w.length; i++) {
                w[i] *= 0.01f;
            }
            Params.set(big.weight(), w);
            PruningMasks masks = MagnitudePruning.prune(model, MagnitudePruningConfig.of(0.3, PruningScope.GLOBAL));
            long total = Layers.weightLayers(model).stream().mapToLong(WeightLayer::weightCount).sum();
            assertEquals(Math.floor(0.3 * total) / total, masks.sparsity(), 1e-9);
            // the tiny layer holds all the smallest weights, so the global threshold takes only from it
            double expected = Math.floor(0.3 * total) / big.weightCount();
            assertTrue(masks.sparsity("09Linear") > 0.97 * expected, masks.sparsity("09Linear") + " vs " + expected);
            assertTrue(masks.sparsity("01Conv2d") < 0.05);
            assertTrue(masks.sparsity("04Conv2d") < 0.05);
        }
    }

    @Test
    void onlyChosenLayersArePrunedAndUnknownNamesFail() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.init(TinyModels.cnn(), m, TinyModels.IMAGE, 3);
            PruningMasks masks = MagnitudePruning.prune(model,
                    new MagnitudePruningConfig(0.5, PruningScope.LAYER, Set.of("09Linear")));
            assertEquals(Set.of("09Linear"), masks.kept().keySet());
            assertEquals(0, zeros(Params.values(Layers.find(model, "01Conv2d").weight())));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MagnitudePruning.masks(model,
                    new MagnitudePruningConfig(0.5, PruningScope.LAYER, Set.of("99Conv2d"))));
            assertTrue(e.getMessage().startsWith("no layer named '99Conv2d'"));
            assertEquals("sparsity must be in [0, 1), got 1.0",
                    assertThrows(IllegalArgumentException.class, () -> MagnitudePruningConfig.of(1.0, null)).getMessage());
            assertEquals("sparsity must be in [0, 1), got -0.1",
                    assertThrows(IllegalArgumentException.class, () -> MagnitudePruningConfig.of(-0.1, null)).getMessage());
        }
    }

    @Test
    void masksHoldThroughFineTuningAndSurviveSaveAndLoad(@TempDir Path dir) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.plain(TinyModels.cnn(), m, TinyModels.IMAGE);
            PruningMasks masks = MagnitudePruning.prune(model, MagnitudePruningConfig.of(0.7, PruningScope.GLOBAL));
            ArrayDataset data = Training.data(m, 96, TinyModels.IMAGE, 5);
            float acc = Training.train(model, data, TinyModels.IMAGE, 3, Loss.softmaxCrossEntropyLoss(),
                    new MaskingListener(masks));
            assertTrue(acc > 0.5, "the pruned model still learns: " + acc);
            PruningMasks after = PruningMasks.fromZeros(model);
            assertEquals(masks.sparsity(), after.sparsity(), 1e-3, "pruned weights stayed zero");
            for (String layer : masks.kept().keySet()) {
                // no pruned weight came back
                java.util.BitSet revived = (java.util.BitSet) after.kept().get(layer).clone();
                revived.andNot(masks.kept().get(layer));
                assertTrue(revived.isEmpty(), layer);
            }
            // save params + masks, reload into a fresh model
            masks.write(dir.resolve(PruningMasks.FILE));
            try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(dir.resolve("p.params")))) {
                model.saveParameters(out);
            }
            Block fresh = TinyModels.init(TinyModels.cnn(), m, TinyModels.IMAGE, 99);
            try (DataInputStream in = new DataInputStream(Files.newInputStream(dir.resolve("p.params")))) {
                fresh.loadParameters(m, in);
            }
            PruningMasks loaded = PruningMasks.read(dir.resolve(PruningMasks.FILE));
            assertEquals(masks.kept(), loaded.kept());
            assertEquals(masks.sparsity(), PruningMasks.fromZeros(fresh).sparsity(), 1e-3);
            SparseSize.Sizes sizes = SparseSize.measure(fresh);
            assertTrue(sizes.bitmaskBytes() < sizes.denseBytes() * 0.4, sizes.toString());
            assertTrue(sizes.deflatedBytes() < sizes.denseBytes(), sizes.toString());
        }
    }

    @Test
    void gradualPruningFollowsTheCubicScheduleInsideTraining() {
        CubicSchedule s = new CubicSchedule(0, 0.8, 2, 12, 2);
        assertEquals(0, s.sparsityAt(0));
        assertEquals(0, s.sparsityAt(2), 1e-12);
        assertEquals(0.8 * (1 - Math.pow(1 - 0.2, 3)), s.sparsityAt(4), 1e-12);
        assertEquals(s.sparsityAt(4), s.sparsityAt(5), 1e-12, "held between pruning steps");
        assertEquals(0.8, s.sparsityAt(12), 1e-12);
        assertEquals(0.8, s.sparsityAt(100), 1e-12);
        assertTrue(s.sparsityAt(4) - s.sparsityAt(2) > s.sparsityAt(12) - s.sparsityAt(10), "fast first, slow last");
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.plain(TinyModels.cnn(), m, TinyModels.IMAGE);
            ArrayDataset data = Training.data(m, 64, TinyModels.IMAGE, 7); // 4 batches per epoch
            GradualPruningListener gradual = new GradualPruningListener(s,
                    MagnitudePruningConfig.of(0, PruningScope.GLOBAL), model);
            Training.train(model, data, TinyModels.IMAGE, 4, Loss.softmaxCrossEntropyLoss(), gradual);
            assertEquals(16, gradual.step());
            assertEquals(0.8, gradual.masks().sparsity(), 0.01);
            assertEquals(0.8, PruningMasks.fromZeros(model).sparsity(), 0.01);
        }
    }

    static int zeros(float[] v) {
        int z = 0;
        for (float f : v) {
            if (f == 0) {
                z++;
            }
        }
        return z;
    }
}
