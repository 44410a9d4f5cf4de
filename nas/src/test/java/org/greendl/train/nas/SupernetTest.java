package org.greendl.train.nas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SupernetTest {
    /** Two stages; choices of every kind, expansion 1 among them (no expanding convolution), SE on and off. */
    static final String SPACE = "{\"family\": \"mobilenet\", \"stem_width\": [4, 8], \"stages\": ["
            + "{\"depth\": [1, 2], \"width\": [8, 12], \"kernel\": [3, 5, 7], \"expansion\": [1, 3], \"se\": [false, true],"
            + " \"stride\": 2},"
            + "{\"depth\": [2, 1], \"width\": [16, 12], \"kernel\": [3, 5], \"expansion\": [2, 4], \"se\": [true, false]}],"
            + " \"head_width\": [16, 24]}";
    static final long[] CHW = {1, 8, 8};

    private static Supernet initialized(NDManager m) {
        Supernet net = new Supernet(NasSpace.parse(SPACE), 1, 3);
        net.initialize(m, DataType.FLOAT32, new Shape(2, 1, 8, 8));
        // Non-trivial scales and shifts, so that a wrong slice of them shows.
        for (Pair<String, Parameter> p : net.getParameters()) {
            Parameter.Type t = p.getValue().getType();
            if (t == Parameter.Type.GAMMA || t == Parameter.Type.BETA || t == Parameter.Type.BIAS) {
                NDArray a = p.getValue().getArray();
                a.set(m.randomUniform(0.5f, 1.5f, a.getShape()).toFloatArray());
            }
        }
        return net;
    }

    private static float[] run(Block b, NDArray x, NDManager m) {
        return b.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow().toFloatArray();
    }

    @Test
    void anExtractedSubNetworkGivesTheSupernetsOutputs() {
        NasSpace space = NasSpace.parse(SPACE);
        try (NDManager m = NDManager.newBaseManager()) {
            m.getEngine().setRandomSeed(7);
            Supernet net = initialized(m);
            NDArray x = m.randomNormal(new Shape(5, 1, 8, 8));
            List<NDArray> calibration = List.of(m.randomNormal(new Shape(16, 1, 8, 8)), m.randomNormal(new Shape(16, 1, 8, 8)));
            Random r = new Random(3);
            int[] small = new int[space.sizes().length];
            // kernel 3 of 7 (a centre crop), depth 1 of 2, expansion 1 (no expanding conv), SE on, smaller widths
            int[] chosen = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0};
            for (int[] g : List.of(net.largest(), small, chosen, space.sample(r), space.sample(r), space.sample(r))) {
                net.calibrate(g, calibration);
                float[] supernet = run(net, x, m);
                Block sub = net.extract(m, CHW);
                float[] extracted = run(sub, x, m);
                assertEquals(5 * 3, extracted.length);
                assertArrayEquals(supernet, extracted, 1e-4f, space.key(g));
            }
            // A different architecture gives different outputs: the test above can fail.
            net.calibrate(net.largest(), calibration);
            float[] large = run(net, x, m);
            net.calibrate(small, calibration);
            float[] tiny = run(net, x, m);
            assertNotEquals(large[0], tiny[0]);
        }
    }

    @Test
    void calibrationSetsTheRunningStatisticsToTheBatchAverage() {
        try (NDManager m = NDManager.newBaseManager()) {
            Supernet net = initialized(m);
            NDArray a = m.randomNormal(new Shape(4, 1, 8, 8)).add(3f);
            net.calibrate(net.largest(), List.of(a, a));
            float[] mean = net.getParameters().get("stem_bn_mean").getArray().toFloatArray();
            // The stem conv has no bias: its running mean is the mean of the conv's output over the batch.
            NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(a, net.getParameters().get("stem").getArray(), null,
                    new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).singletonOrThrow();
            assertArrayEquals(y.mean(new int[] {3}).mean(new int[] {2}).mean(new int[] {0}).toFloatArray(), mean, 1e-4f);
        }
    }

    @Test
    void progressiveShrinkingLetsOneMoreKindOfChoiceVaryPerPhase() {
        NasSpace space = NasSpace.parse(SPACE);
        Supernet net = new Supernet(space, 1, 3);
        int[] largest = net.largest();
        // genes: 0 stem; per stage b+0 depth, b+1 width, b+2 kernel, b+3 expansion, b+4 se; then head width, head pooling
        int[] kernelGenes = {3, 8};
        int[] depthGenes = {1, 6};
        Supernet.Phase[] order = Supernet.Phase.values();
        assertArrayEquals(new Supernet.Phase[] {Supernet.Phase.LARGEST, Supernet.Phase.KERNEL, Supernet.Phase.DEPTH,
                Supernet.Phase.WIDTH}, order);
        for (Supernet.Phase p : order) {
            net.setPhase(p, 1);
            Set<Integer> varied = new HashSet<>();
            Random r = new Random(5);
            for (int i = 0; i < 200; i++) {
                int[] g = net.draw(r);
                for (int k = 0; k < g.length; k++) {
                    if (g[k] != largest[k]) {
                        varied.add(k);
                    }
                }
            }
            Set<Integer> expected = new HashSet<>();
            if (p.compareTo(Supernet.Phase.KERNEL) >= 0) {
                expected.addAll(List.of(kernelGenes[0], kernelGenes[1]));
            }
            if (p.compareTo(Supernet.Phase.DEPTH) >= 0) {
                expected.addAll(List.of(depthGenes[0], depthGenes[1]));
            }
            if (p == Supernet.Phase.WIDTH) {
                for (int k = 0; k < space.headPoolGene(); k++) { // the head's pooling has one choice here
                    expected.add(k);
                }
            }
            assertEquals(expected, varied, p.label());
        }
        assertTrue(space.key(largest).contains("d2w12k7e3se"), space.key(largest));
    }
}
