package org.greendl.nn.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.greendl.nn.earlyexit.EarlyExitCosts;
import org.greendl.nn.earlyexit.EarlyExitLoss;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.profile.Profiler;
import org.junit.jupiter.api.Test;

class EarlyExitNetTest {

    static EarlyExitNet net(NDManager m, int batch) {
        EarlyExitNet net = (EarlyExitNet) ModelZoo.build("early-exit-cnn");
        net.initialize(m, DataType.FLOAT32, new Shape(batch, 1, 28, 28));
        return net;
    }

    static NDArray infer(EarlyExitNet net, NDManager m, NDArray x) {
        return net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    @Test
    void thresholdDecidesWhereSamplesLeave() {
        try (NDManager m = NDManager.newBaseManager()) {
            EarlyExitNet net = net(m, 8);
            NDArray x = m.randomNormal(new Shape(8, 1, 28, 28));
            net.setThreshold(0f); // every sample is confident enough at the first exit
            NDArray early = infer(net, m, x);
            assertArrayEquals(new long[] {8, 0, 0}, net.exitCounts());
            NDArray exit0 = net.heads().get(0).forward(new ParameterStore(m, false),
                    net.stages().get(0).forward(new ParameterStore(m, false), new NDList(x), false), false)
                    .singletonOrThrow();
            assertArrayEquals(exit0.toFloatArray(), early.toFloatArray(), 1e-5f);
            net.resetExitCounts();
            net.setThreshold(2f); // nobody leaves early
            infer(net, m, x);
            assertArrayEquals(new long[] {0, 0, 8}, net.exitCounts());
        }
    }

    @Test
    void mixedExitsKeepInputOrder() {
        ai.djl.engine.Engine.getInstance().setRandomSeed(7); // the same weights and inputs on every run
        try (NDManager m = NDManager.newBaseManager()) {
            EarlyExitNet net = net(m, 16);
            NDArray x = m.randomNormal(new Shape(16, 1, 28, 28)).mul(3);
            // A threshold between two distinct confidences near the middle, so some leave early and some do not
            // (saturated confidences can tie, and a threshold equal to a tie would let both sides leave).
            NDArray conf0 = net.heads().get(0).forward(new ParameterStore(m, false),
                    net.stages().get(0).forward(new ParameterStore(m, false), new NDList(x), false), false)
                    .singletonOrThrow().softmax(-1).max(new int[] {-1});
            float[] sorted = conf0.toFloatArray().clone();
            java.util.Arrays.sort(sorted);
            int split = -1;
            for (int d = 0; d < 8 && split < 0; d++) {
                for (int k : new int[] {8 - d, 8 + d}) {
                    if (split < 0 && k >= 1 && k <= 15 && sorted[k - 1] < sorted[k]) {
                        split = k;
                    }
                }
            }
            assertTrue(split > 0, "the first exit's confidences differ: " + java.util.Arrays.toString(sorted));
            net.setThreshold((sorted[split - 1] + sorted[split]) / 2);
            NDArray batch = infer(net, m, x);
            long[] counts = net.exitCounts();
            assertEquals(16 - split, counts[0], "those above the threshold leave at the first exit");
            assertEquals(16, counts[0] + counts[1] + counts[2]);
            for (int i = 0; i < 16; i++) {
                NDArray one = infer(net, m, x.get(i + ":" + (i + 1)));
                assertArrayEquals(one.toFloatArray(), batch.get(i + ":" + (i + 1)).toFloatArray(), 1e-4f, "row " + i);
            }
        }
    }

    @Test
    void trainingOutputsEveryExitFinalFirst() {
        try (NDManager m = NDManager.newBaseManager()) {
            EarlyExitNet net = net(m, 4);
            NDList out = net.forward(new ParameterStore(m, false), new NDList(m.randomNormal(new Shape(4, 1, 28, 28))),
                    true);
            assertEquals(3, out.size());
            for (NDArray o : out) {
                assertEquals(new Shape(4, 10), o.getShape());
            }
            NDArray labels = m.create(new float[] {0, 1, 2, 3});
            float joint = new EarlyExitLoss().evaluate(new NDList(labels), out).getFloat();
            float sum = 0;
            for (NDArray o : out) {
                sum += new EarlyExitLoss().evaluate(new NDList(labels), new NDList(o)).getFloat();
            }
            assertEquals(sum, joint, 1e-4f);
        }
    }

    @Test
    void costsPerExitGrowAndEndAtTheFullNetwork() {
        EarlyExitNet net = (EarlyExitNet) ModelZoo.build("early-exit-cnn");
        long[] macs = EarlyExitCosts.cumulativeMacs(net, new Shape(1, 1, 28, 28));
        assertEquals(3, macs.length);
        assertTrue(macs[0] < macs[1] && macs[1] < macs[2]);
        long cnn = Profiler.profile(ModelZoo.build("cnn"), new Shape(1, 1, 28, 28)).total().macs();
        // the last exit is the cnn plus the two early heads it passed
        assertEquals(cnn + 1568 * 10 + 3136 * 10, macs[2]);
        assertEquals(macs[0] * 2 + macs[2] * 2, EarlyExitCosts.totalMacs(macs, new long[] {2, 0, 2}));
    }
}
