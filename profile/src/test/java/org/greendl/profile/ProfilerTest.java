package org.greendl.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilerTest {

    static Conv2d conv(int filters, int k, int stride, int pad, int groups, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(k, k)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad)).optGroups(groups).optBias(bias).build();
    }

    @Test
    void convolutionAndLinearByHand() {
        SequentialBlock net = new SequentialBlock().addAll(conv(8, 3, 1, 1, 1, true), Activation.reluBlock(),
                Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)), Blocks.batchFlattenBlock(),
                Linear.builder().setUnits(10).build());
        Profile p = Profiler.profile(net, new Shape(1, 3, 8, 8));
        LayerProfile c = p.layers().get(0);
        assertEquals("conv2d", c.type());
        assertEquals(8 * 3 * 3 * 3 + 8, c.params());
        assertEquals(8L * 8 * 8 * 3 * 9, c.macs()); // out elements x Cin x k x k
        assertEquals(2 * c.macs() + 8 * 8 * 8, c.flops());
        assertEquals(new Shape(1, 8, 8, 8), c.outputShape());
        assertEquals(8 * 8 * 8, p.layers().get(1).flops()); // relu: one per element
        assertEquals(8 * 4 * 4 * 4, p.layers().get(2).flops()); // max pool: window of 4 per output
        LayerProfile fc = p.layers().get(4);
        assertEquals(128L * 10, fc.macs());
        assertEquals(128L * 10 + 10, fc.params());
        assertEquals(c.params() + fc.params(), p.total().params());
        assertEquals(c.macs() + fc.macs(), p.total().macs());
        assertEquals(p.total().params(), p.total().trainableParams());
        assertEquals(p.total().params() * 4, p.total().weightBytes());
        assertEquals(p.total().weightBytes(), p.total().weightBytesByType().get("float32"));
        // Activation bytes: conv, relu, pool, linear outputs (flatten is a view).
        assertEquals(4L * (512 + 512 + 128 + 10), p.total().activationBytes());
        assertTrue(p.warnings().isEmpty());
    }

    @Test
    void depthwiseAndGroupedConvolutions() {
        Profile dw = Profiler.profile(conv(16, 3, 2, 1, 16, false), new Shape(1, 16, 10, 10));
        assertEquals("conv-depthwise2d", dw.layers().get(0).type());
        assertEquals(16L * 5 * 5 * 9, dw.total().macs());
        assertEquals(16L * 9, dw.total().params());
        Profile grouped = Profiler.profile(conv(32, 1, 1, 0, 4, false), new Shape(2, 16, 4, 4));
        assertEquals("conv-grouped2d", grouped.layers().get(0).type());
        assertEquals(2L * 32 * 16 * (16 / 4), grouped.total().macs()); // batch 2 counts twice
    }

    @Test
    void batchNormBuffersAreNotParameters() {
        SequentialBlock net = new SequentialBlock().addAll(conv(4, 1, 1, 0, 1, false), BatchNorm.builder().build());
        Profile p = Profiler.profile(net, new Shape(1, 2, 3, 3));
        LayerProfile bn = p.layers().get(1);
        assertEquals(8, bn.params()); // gamma + beta; running mean and variance are buffers
        assertEquals(2 * 4 * 9, bn.flops());
        assertEquals(0, bn.macs());
        assertEquals(8L * 4, p.total().bufferBytes());
    }

    @Test
    void residualAddIsCountedInFlopsNotMacs() {
        ParallelBlock res = new ParallelBlock(list -> new NDList(list.get(0).singletonOrThrow()
                .add(list.get(1).singletonOrThrow())), List.of(conv(3, 3, 1, 1, 1, false), Blocks.identityBlock()));
        Profile p = Profiler.profile(res, new Shape(1, 3, 5, 5));
        LayerProfile add = p.layers().get(p.layers().size() - 1);
        assertEquals("add", add.type());
        assertEquals(75, add.flops());
        assertEquals(0, add.macs());
        assertEquals(75L * 27, p.total().macs());
    }

    @Test
    void unknownBlockIsAnUncountedRowWithAWarning() {
        SequentialBlock net = new SequentialBlock().addAll(conv(4, 1, 1, 0, 1, false), new Mystery());
        Profile p = Profiler.profile(net, new Shape(1, 2, 3, 3));
        assertEquals(1, p.uncounted().size());
        assertEquals("uncounted", p.layers().get(1).type());
        assertEquals(1, p.warnings().size());
        assertTrue(p.warnings().get(0).contains("Mystery"), p.warnings().get(0));
        assertTrue(ProfileFormat.table(p).contains("warning: no counting rule"));
    }

    @Test
    void sparsityScalesMacsByTheDensityOfWeights() {
        Linear fc = Linear.builder().setUnits(4).optBias(false).build();
        try (NDManager m = NDManager.newBaseManager()) {
            fc.initialize(m, DataType.FLOAT32, new Shape(1, 8));
            var w = fc.getParameters().get("weight");
            float[] values = new float[32];
            for (int i = 0; i < 8; i++) {
                values[i * 4] = 1f; // 8 of 32 non-zero
            }
            w.getArray().set(values);
            Profile p = Profiler.profile(fc, new Shape(1, 8), ProfileOptions.defaults().withSparsity(true));
            assertEquals(32, p.total().macs());
            assertEquals(8, p.total().effectiveMacs());
            Profile dense = Profiler.profile(fc, new Shape(1, 8));
            assertEquals(-1, dense.total().effectiveMacs());
        }
    }

    @Test
    void sharedParametersAreCountedOnceButTheirWorkEveryTime() {
        Linear shared = Linear.builder().setUnits(6).build();
        SequentialBlock net = new SequentialBlock().addAll(shared, shared);
        Profile p = Profiler.profile(net, new Shape(1, 6));
        assertEquals(42, p.total().params());
        assertEquals(72, p.total().macs());
    }

    @Test
    void frozenParametersAreReported() {
        SequentialBlock net = new SequentialBlock().addAll(Linear.builder().setUnits(3).build(),
                Linear.builder().setUnits(2).build());
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, new Shape(1, 4));
            net.getChildren().get(0).getValue().freezeParameters(true);
            Profile p = Profiler.profile(net, new Shape(1, 4));
            assertEquals(15 + 8, p.total().params());
            assertEquals(8, p.total().trainableParams());
            assertEquals(15, p.total().frozenParams());
        }
    }

    @Test
    void formats() throws Exception {
        Profile p = Profiler.profile(new SequentialBlock().add(Linear.builder().setUnits(2).build()), new Shape(1, 3))
                .named("tiny");
        String json = ProfileFormat.json(p);
        var doc = PrettyJson.MAPPER.readTree(json);
        assertEquals("tiny", doc.get("model").textValue());
        assertEquals(8, doc.get("total").get("params").asLong());
        assertEquals(6, doc.get("total").get("macs").asLong());
        assertEquals("[1,2]", doc.get("layers").get(0).get("output_shape").toString());
        String csv = ProfileFormat.csv(p);
        assertTrue(csv.startsWith("name,type,output_shape,params"), csv);
        assertTrue(csv.contains("\ntotal,,1x3,8,8,6,"), csv);
    }

    @Test
    void impossibleInputShapeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Profiler.profile(Blocks.identityBlock(), new Shape(1, 0)));
    }

    /** A block no rule knows. */
    static final class Mystery extends AbstractBlock {
        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            return in;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return inputs;
        }
    }
}
