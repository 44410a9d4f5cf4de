package org.greendl.compress.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Set;
import org.greendl.compress.Layers;
import org.greendl.compress.Params;
import org.greendl.compress.TinyModels;
import org.greendl.compress.WeightLayer;
import org.junit.jupiter.api.Test;

class StructuredPruningTest {

    @Test
    void ratioZeroRebuildsAnIdenticalModel() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.init(TinyModels.cnn(), m, TinyModels.IMAGE, 1);
            StructuredPruning.Result r = StructuredPruning.prune(model, TinyModels.IMAGE, m, StructuredPruningConfig.of(0));
            NDArray x = TinyModels.input(m, TinyModels.IMAGE, 2);
            assertArrayEquals(TinyModels.predict(model, m, x), TinyModels.predict(r.block(), m, x), 1e-5f);
        }
    }

    /**
     * Channels whose BatchNorm scale and shift are zero (and hidden units with zero weights) contribute nothing,
     * so removing exactly them must leave the outputs unchanged: this checks the bookkeeping conv -> BN -> conv
     * and flatten -> linear columns.
     */
    @Test
    void removingDeadChannelsKeepsOutputsExactly() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.init(TinyModels.cnn(), m, TinyModels.IMAGE, 3);
            // BatchNorms are children 2 and 5 (1-based); kill channels {1,3} of the first, {0,2,5} of the second.
            killNormChannels(model, "02BatchNorm", new int[] {1, 3});
            killNormChannels(model, "05BatchNorm", new int[] {0, 2, 5});
            killUnits(model, "09Linear", new int[] {0, 1, 2, 7});
            NDArray x = TinyModels.input(m, TinyModels.IMAGE, 4);
            float[] before = TinyModels.predict(model, m, x);

            StructuredPruning.Result r = StructuredPruning.prune(model, TinyModels.IMAGE, m,
                    new StructuredPruningConfig(0.5, ChannelCriterion.BN_SCALE, true, Set.of()));
            assertArrayEquals(before, TinyModels.predict(r.block(), m, x), 1e-4f);
            assertEquals("2/4", r.describe("01Conv2d"));
            assertEquals("3/6", r.describe("04Conv2d"));
            assertEquals("4/8", r.describe("09Linear"));
            assertEquals("3/3", r.describe("12Linear"), "the output layer is never pruned");
            // conv 4->2, conv 6->3 with 2 inputs, linear 8->4 with 3*4*4 inputs
            WeightLayer linear = Layers.find(r.block(), "09Linear");
            assertEquals(4 * 3 * 16, linear.weightCount());
            assertTrue(Params.count(r.block()) < Params.count(model) / 2);
        }
    }

    @Test
    void residualBranchesStayConsistent() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.init(TinyModels.residual(), m, TinyModels.IMAGE, 5);
            killNormChannels(model, "02BatchNorm", new int[] {1, 3});
            // The branch's last BatchNorm must also be dead on {1,3}, or the sum would carry them.
            killNormChannels(model, "04ParallelBlock_01SequentialBlock_05BatchNorm", new int[] {1, 3});
            killNormChannels(model, "04ParallelBlock_01SequentialBlock_02BatchNorm", new int[] {0, 2});
            NDArray x = TinyModels.input(m, TinyModels.IMAGE, 6);
            float[] before = TinyModels.predict(model, m, x);
            StructuredPruning.Result r = StructuredPruning.prune(model, TinyModels.IMAGE, m,
                    new StructuredPruningConfig(0.5, ChannelCriterion.BN_SCALE, true, Set.of()));
            assertArrayEquals(before, TinyModels.predict(r.block(), m, x), 1e-4f);
            assertEquals("2/4", r.describe("04ParallelBlock_01SequentialBlock_04Conv2d"));
            assertEquals("2/4", r.describe("04ParallelBlock_01SequentialBlock_01Conv2d"));
        }
    }

    @Test
    void l1AndL2CriteriaShrinkEveryHiddenLayer() {
        for (ChannelCriterion c : new ChannelCriterion[] {ChannelCriterion.L1, ChannelCriterion.L2}) {
            try (NDManager m = NDManager.newBaseManager()) {
                Block model = TinyModels.init(TinyModels.cnn(), m, TinyModels.IMAGE, 7);
                StructuredPruning.Result r = StructuredPruning.prune(model, TinyModels.IMAGE, m,
                        new StructuredPruningConfig(0.5, c, true, Set.of("01Conv2d")));
                assertEquals("4/4", r.describe("01Conv2d"), "skipped layer kept whole");
                assertEquals("3/6", r.describe("04Conv2d"));
                NDArray x = TinyModels.input(m, TinyModels.IMAGE, 8);
                assertEquals(2 * 3, TinyModels.predict(r.block(), m, x).length);
            }
        }
    }

    @Test
    void keptChannelsRoundUpToTheMultipleAndNeverPastTheLayer() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.init(TinyModels.cnn(), m, TinyModels.IMAGE, 7);
            // 0.7 of 4 and 6 channels keeps 1 and 2; rounded up to multiples of 4: 4 (all) and 4.
            StructuredPruning.Result r = StructuredPruning.prune(model, TinyModels.IMAGE, m,
                    new StructuredPruningConfig(0.7, ChannelCriterion.L1, true, Set.of(), 4));
            assertEquals("4/4", r.describe("01Conv2d"));
            assertEquals("4/6", r.describe("04Conv2d"));
        }
        assertThrows(IllegalArgumentException.class,
                () -> new StructuredPruningConfig(0.5, ChannelCriterion.L1, true, Set.of(), 0));
    }

    @Test
    void badInputIsAOneLineError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StructuredPruningConfig.of(1.0));
        assertEquals("structured pruning ratio must be in [0, 1), got 1.0", e.getMessage());
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.init(TinyModels.cnn(), m, TinyModels.IMAGE, 9);
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                    () -> StructuredPruning.prune(model, TinyModels.IMAGE, m,
                            new StructuredPruningConfig(0.5, ChannelCriterion.L1, true, Set.of("nope"))));
            assertTrue(e2.getMessage().startsWith("no layer named 'nope'; layers with weights: 01Conv2d,"), e2.getMessage());
        }
    }

    static void killNormChannels(Block model, String normPath, int[] channels) {
        for (String p : new String[] {"gamma", "beta"}) {
            Parameter param = model.getParameters().get(normPath + "_" + p);
            float[] v = Params.values(param);
            for (int c : channels) {
                v[c] = 0;
            }
            Params.set(param, v);
        }
    }

    static void killUnits(Block model, String linearPath, int[] units) {
        Parameter w = model.getParameters().get(linearPath + "_weight");
        Parameter b = model.getParameters().get(linearPath + "_bias");
        float[] wv = Params.values(w);
        float[] bv = Params.values(b);
        int per = wv.length / bv.length;
        for (int u : units) {
            java.util.Arrays.fill(wv, u * per, (u + 1) * per, 0f);
            bv[u] = -1f; // relu(-1) = 0: the unit is dead whatever its input
        }
        Params.set(w, wv);
        Params.set(b, bv);
    }
}
