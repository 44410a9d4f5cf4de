package org.greendl.nn.blocks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import org.greendl.nn.Layers;
import org.greendl.nn.attention.LinearAttention;
import org.greendl.nn.attention.LinearAttentionAccess;
import org.greendl.nn.attention.SoftmaxAttention;
import org.greendl.nn.attention.TransformerEncoder;
import org.greendl.nn.embedding.FactorizedEmbedding;
import org.greendl.nn.inverted.InvertedResidual;
import org.greendl.nn.se.SqueezeExcitation;
import org.greendl.nn.separable.DepthwiseSeparableConv;
import org.greendl.nn.sharing.SharedLayers;
import org.greendl.nn.shuffle.ChannelShuffle;
import org.greendl.nn.shuffle.ShuffleConv;
import org.greendl.nn.spec.BlockSpecs;
import org.greendl.profile.LayerProfile;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;
import org.junit.jupiter.api.Test;

class CompactBlocksTest {

    static NDArray forward(Block b, NDManager m, NDArray x) {
        return b.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    static long macsOfType(Profile p, String type) {
        return p.layers().stream().filter(l -> l.type().equals(type)).mapToLong(LayerProfile::macs).sum();
    }

    @Test
    void depthwiseSeparableCostsWhatTheFormulaSays() {
        Block b = DepthwiseSeparableConv.builder().setInChannels(16).setOutChannels(32).build();
        Profile p = Profiler.profile(b, new Shape(1, 16, 10, 10));
        assertEquals(16 * 9 + 2 * 16 + 16 * 32 + 2 * 32, p.total().params());
        assertEquals(100L * (16 * 9 + 16 * 32), p.total().macs());
        assertTrue(p.uncounted().isEmpty());
        Profile dense = Profiler.profile(Layers.conv(32, 3, 1, 1, 1, false), new Shape(1, 16, 10, 10));
        assertTrue(dense.total().macs() > 7 * p.total().macs(), "separable is ~8x cheaper here");
    }

    @Test
    void channelShufflePermutesGroups() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(6f).reshape(1, 6, 1, 1);
            Block s = new ChannelShuffle(2);
            s.initialize(m, DataType.FLOAT32, x.getShape());
            assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, forward(s, m, x).toFloatArray());
        }
        Block sc = ShuffleConv.builder().setOutChannels(32).setGroups(4).build();
        Profile p = Profiler.profile(sc, new Shape(1, 16, 8, 8));
        assertEquals(64L * 32 * (16 / 4), p.total().macs());
        assertEquals(1, p.layers().stream().filter(l -> l.type().equals("channel-shuffle")).count());
    }

    @Test
    void invertedResidualAddsTheInputOnlyWhenShapesAgree() {
        InvertedResidual same = InvertedResidual.builder().setInChannels(8).setOutChannels(8).build();
        InvertedResidual down = InvertedResidual.builder().setInChannels(8).setOutChannels(16).optStride(2).build();
        assertTrue(same.residual());
        Profile ps = Profiler.profile(same, new Shape(1, 8, 6, 6));
        assertEquals(1, ps.layers().stream().filter(l -> l.type().equals("add")).count());
        // expand 8->48, depthwise 3x3 on 48, project 48->8
        assertEquals(36L * (8 * 48 + 48 * 9 + 48 * 8), ps.total().macs());
        Profile pd = Profiler.profile(down, new Shape(1, 8, 6, 6));
        assertEquals(0, pd.layers().stream().filter(l -> l.type().equals("add")).count());
        assertEquals(new Shape(1, 16, 3, 3), pd.layers().get(pd.layers().size() - 1).outputShape());
        try (NDManager m = NDManager.newBaseManager()) {
            same.initialize(m, DataType.FLOAT32, new Shape(2, 8, 6, 6));
            NDArray x = m.randomNormal(new Shape(2, 8, 6, 6));
            NDArray body = forward(same.body(), m, x);
            assertArrayEquals(body.add(x).toFloatArray(), forward(same, m, x).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void squeezeExcitationScalesChannelsByWeightsInZeroOne() {
        SqueezeExcitation se = SqueezeExcitation.builder().setChannels(16).optSqueezeChannels(4).build();
        Profile p = Profiler.profile(se, new Shape(1, 16, 5, 5));
        assertEquals(16 * 4 + 4 + 4 * 16 + 16, p.total().params());
        assertEquals(16 * 4 + 4 * 16, p.total().macs());
        try (NDManager m = NDManager.newBaseManager()) {
            se.initialize(m, DataType.FLOAT32, new Shape(1, 16, 5, 5));
            NDArray x = m.ones(new Shape(1, 16, 5, 5));
            float[] y = forward(se, m, x).toFloatArray();
            for (float v : y) {
                assertTrue(v > 0 && v < 1, "sigmoid gate times 1: " + v);
            }
        }
    }

    @Test
    void attentionCostGrowsQuadraticallyForSoftmaxAndLinearlyForLinear() {
        Block soft = SoftmaxAttention.builder().setEmbedDim(32).setHeads(4).build();
        Block lin = LinearAttention.builder().setEmbedDim(32).setHeads(4).build();
        Profile s1 = Profiler.profile(soft, new Shape(1, 64, 32));
        Profile s2 = Profiler.profile(soft, new Shape(1, 128, 32));
        assertEquals(4 * macsOfType(s1, "attention-qk"), macsOfType(s2, "attention-qk"));
        assertEquals(1L * 4 * 64 * 64 * 8, macsOfType(s1, "attention-qk")); // B h N N d
        assertEquals(macsOfType(s1, "attention-qk"), macsOfType(s1, "attention-av"));
        Profile l1 = Profiler.profile(lin, new Shape(1, 64, 32));
        Profile l2 = Profiler.profile(lin, new Shape(1, 128, 32));
        assertEquals(2 * l1.total().macs(), l2.total().macs());
        assertEquals(s1.total().params(), l1.total().params());
        assertEquals(3 * 32 * 32 + 3 * 32 + 32 * 32 + 32, s1.total().params());
    }

    @Test
    void linearAttentionEqualsItsQuadraticForm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray q = m.randomNormal(new Shape(1, 2, 5, 3));
            NDArray k = m.randomNormal(new Shape(1, 2, 5, 3));
            NDArray v = m.randomNormal(new Shape(1, 2, 5, 3));
            NDArray fast = LinearAttentionAccess.mix(q, k, v);
            // phi(Q) phi(K)^T, rows normalised, times V: the N x N form linear attention avoids.
            NDArray a = LinearAttentionAccess.phi(q).matMul(LinearAttentionAccess.phi(k).transpose(0, 1, 3, 2));
            NDArray slow = a.div(a.sum(new int[] {3}, true)).matMul(v);
            assertArrayEquals(slow.toFloatArray(), fast.toFloatArray(), 1e-4f);
        }
    }

    @Test
    void encoderKeepsTokenShapes() {
        for (String kind : new String[] {"softmax", "linear"}) {
            Block enc = TransformerEncoder.builder().setEmbedDim(16).setHeads(2).optAttention(kind).build();
            try (NDManager m = NDManager.newBaseManager()) {
                enc.initialize(m, DataType.FLOAT32, new Shape(3, 7, 16));
                assertEquals(new Shape(3, 7, 16), forward(enc, m, m.randomNormal(new Shape(3, 7, 16))).getShape());
            }
        }
    }

    @Test
    void sharedLayersCountParametersOnceAndWorkEveryTime() {
        Block layer = TransformerEncoder.builder().setEmbedDim(16).setHeads(2).build();
        Profile one = Profiler.profile(layer, new Shape(1, 10, 16));
        Block stack = SharedLayers.builder().setLayer(
                TransformerEncoder.builder().setEmbedDim(16).setHeads(2).build()).setRepeats(6).build();
        Profile six = Profiler.profile(stack, new Shape(1, 10, 16));
        assertEquals(one.total().params(), six.total().params());
        assertEquals(6 * one.total().macs(), six.total().macs());
    }

    @Test
    void factorizedEmbeddingHasFewerParametersThanAFullTable() {
        FactorizedEmbedding e = FactorizedEmbedding.builder().setVocabularySize(1000).setEmbeddingSize(16)
                .setHiddenSize(128).build();
        Profile p = Profiler.profile(e, new Shape(2, 5));
        assertEquals(1000 * 16 + 16 * 128 + 128, p.total().params());
        assertTrue(p.total().params() < 1000 * 128);
        assertEquals(2L * 5 * 16 * 128, p.total().macs());
        try (NDManager m = NDManager.newBaseManager()) {
            e.initialize(m, DataType.FLOAT32, new Shape(2, 5));
            NDArray ids = m.create(new long[] {1, 2, 3, 4, 999, 0, 0, 0, 0, 7}, new Shape(2, 5));
            NDArray y = forward(e, m, ids);
            assertEquals(new Shape(2, 5, 128), y.getShape());
            // same token, same vector
            assertArrayEquals(y.get(1, 1).toFloatArray(), y.get(1, 2).toFloatArray(), 0f);
        }
    }

    @Test
    void everyBlockRoundTripsThroughSpecsWithItsWeights() throws Exception {
        Object[][] cases = {
            {DepthwiseSeparableConv.builder().setInChannels(4).setOutChannels(8).optStride(2).optActivation("relu6")
                    .build(), new Shape(2, 4, 8, 8)},
            {ShuffleConv.builder().setOutChannels(8).setGroups(2).optKernel(3).build(), new Shape(2, 4, 6, 6)},
            {InvertedResidual.builder().setInChannels(8).setOutChannels(8).optExpansion(3).optSqueezeExcite(true)
                    .build(), new Shape(2, 8, 6, 6)},
            {SqueezeExcitation.builder().setChannels(8).build(), new Shape(2, 8, 4, 4)},
            {SharedLayers.builder().setLayer(TransformerEncoder.builder().setEmbedDim(8).setHeads(2)
                    .optAttention("linear").build()).setRepeats(3).build(), new Shape(2, 5, 8)},
            {FactorizedEmbedding.builder().setVocabularySize(50).setEmbeddingSize(4).setHiddenSize(8).build(),
                new Shape(2, 5)},
        };
        for (Object[] c : cases) {
            Block b = (Block) c[0];
            Shape in = (Shape) c[1];
            try (NDManager m = NDManager.newBaseManager()) {
                b.initialize(m, DataType.FLOAT32, in);
                String json = BlockSpecs.toJson(b);
                Block copy = BlockSpecs.fromJson(json);
                copy.initialize(m, DataType.FLOAT32, in);
                assertEquals(json, BlockSpecs.toJson(copy));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                b.saveParameters(new DataOutputStream(bytes));
                copy.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
                NDArray x = in.dimension() == 2 ? m.randomInteger(0, 50, in, DataType.INT64)
                        : m.randomNormal(in);
                assertArrayEquals(forward(b, m, x).toFloatArray(), forward(copy, m, x).toFloatArray(), 1e-5f,
                        b.getClass().getSimpleName());
                assertEquals(count(b), count(copy));
            }
        }
    }

    static long count(Block b) {
        return b.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
    }
}
