package org.greendl.deploy.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.deploy.runtime.SessionSettings;
import org.junit.jupiter.api.Test;

class OnnxExporterTest {
    private static final Shape IMAGE = new Shape(4, 1, 28, 28);

    static SequentialBlock smallCnn() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8).optPadding(new Shape(1, 1)).build())
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                // grouped and depthwise convolutions
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8).optGroups(2).build())
                .add(Activation.relu6Block())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(8).optGroups(8)
                        .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).optBias(false).build())
                .add(Pool.avgPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(32).build())
                .add(Activation.geluBlock())
                .add(Dropout.builder().optRate(0.5f).build())
                .add(Linear.builder().setUnits(10).build());
    }

    static Block residual() {
        SequentialBlock branch = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).optPadding(new Shape(1, 1)).build())
                .add(BatchNorm.builder().build())
                .add(Activation.sigmoidBlock());
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(4).build())
                .add(new ParallelBlock(l -> new NDList(l.get(0).singletonOrThrow().add(l.get(1).singletonOrThrow())),
                        List.of(branch, Blocks.identityBlock())))
                .add(new ParallelBlock(l -> new NDList(NDArrays_concat(l)),
                        List.of(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(1, 1), new Shape(1, 1)),
                                new LambdaBlock(x -> x))))
                .add(Activation.tanhBlock())
                .add(Pool.globalAvgPool2dBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static NDArray NDArrays_concat(List<NDList> l) {
        return l.get(0).singletonOrThrow().concat(l.get(1).singletonOrThrow(), 1);
    }

    /** Tokens (N, 7, 16): linear on the last axis, layer norm, leaky ReLU, ELU, swish, softplus. */
    static Block tokens() {
        return new SequentialBlock()
                .add(Linear.builder().setUnits(24).build())
                .add(LayerNorm.builder().axis(2).build())
                .add(Activation.leakyReluBlock(0.1f))
                .add(Activation.eluBlock(0.7f))
                .add(Activation.swishBlock(1.3f))
                .add(Activation.softPlusBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    @Test
    void coreBlocksMatchDjlForward() {
        assertParity(smallCnn(), "small-cnn");
    }

    @Test
    void residualsConcatAndGlobalPoolMatchDjlForward() {
        assertParity(residual(), "residual");
    }

    @Test
    void tokensLayerNormAndActivationsMatchDjlForward() {
        assertParity(tokens(), "tokens", new Shape(4, 7, 16));
    }

    @Test
    void earlyExitsBecomeExtraOutputs() {
        Block exits = new ParallelBlock(l -> new NDList(l.get(0).singletonOrThrow(), l.get(1).singletonOrThrow()),
                List.of(new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build()),
                        new SequentialBlock().add(Pool.globalMaxPool2dBlock()).add(Linear.builder().setUnits(3).build())));
        try (NDManager m = NDManager.newBaseManager()) {
            Blocks_init(exits, m);
            ModelProto model = OnnxExporter.create().export(exits, IMAGE, ExportOptions.named("exits"));
            assertEquals(List.of("output_0", "output_1"),
                    model.getGraph().getOutputList().stream().map(v -> v.getName()).toList());
            NDArray x = m.randomNormal(IMAGE);
            NDList djl = exits.forward(new ParameterStore(m, false), new NDList(x), false);
            try (OnnxSession s = OnnxSession.open(model.toByteArray(), SessionSettings.threads(1))) {
                Map<String, float[]> out = s.run(x.toFloatArray(), IMAGE.getShape());
                assertTrue(maxAbsDiff(djl.get(0).toFloatArray(), out.get("output_0")) <= 1e-4);
                assertTrue(maxAbsDiff(djl.get(1).toFloatArray(), out.get("output_1")) <= 1e-4);
            }
        }
    }

    @Test
    void unknownLambdaIsNamedInTheError() {
        Block block = new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build()).add(LambdaBlock.singleton(x -> x.mul(2), "doubler"));
        try (NDManager m = NDManager.newBaseManager()) {
            Blocks_init(block, m);
            ExportException e = assertThrows(ExportException.class,
                    () -> OnnxExporter.create().export(block, IMAGE, ExportOptions.named("bad")));
            assertTrue(e.getMessage().contains("LambdaBlock 'doubler'") && e.getMessage().contains("bad/03"),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void unknownBlockClassIsNamedInTheError() {
        Block block = new SequentialBlock().add(new Custom());
        try (NDManager m = NDManager.newBaseManager()) {
            Blocks_init(block, m);
            ExportException e = assertThrows(ExportException.class,
                    () -> OnnxExporter.create().export(block, IMAGE, ExportOptions.named("m")));
            assertTrue(e.getMessage().contains("Custom") && e.getMessage().contains("m/01"), e.getMessage());
        }
    }

    @Test
    void registryAcceptsConvertersForCustomBlocks() {
        BlockConverter custom = new BlockConverter() {
            @Override
            public boolean accepts(Block b) {
                return b instanceof Custom;
            }

            @Override
            public List<String> convert(Block b, ConversionContext ctx, List<String> in, Shape[] shapes) {
                return List.of(ctx.graph().node("Neg", ctx.path(), in));
            }
        };
        Block block = new SequentialBlock().add(new Custom()).add(Blocks.batchFlattenBlock());
        try (NDManager m = NDManager.newBaseManager()) {
            Blocks_init(block, m);
            ModelProto model = OnnxExporter.with(ConverterRegistry.defaults().with(custom))
                    .export(block, IMAGE, ExportOptions.named("m").withMetadata("k", "v"));
            assertEquals("v", OnnxModels.metadata(model, "k").orElseThrow());
            NDArray x = m.randomNormal(IMAGE);
            try (OnnxSession s = OnnxSession.open(model.toByteArray(), SessionSettings.threads(1))) {
                assertTrue(maxAbsDiff(Blocks_fwd(block, m, x), s.runFirst(x.toFloatArray(), IMAGE.getShape())) == 0);
            }
        }
    }

    /** Negates its input; not a DJL core block. */
    static final class Custom extends AbstractBlock {
        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            return new NDList(in.singletonOrThrow().neg());
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    static void assertParity(Block block, String name) {
        assertParity(block, name, IMAGE);
    }

    static void assertParity(Block block, String name, Shape shape) {
        try (NDManager m = NDManager.newBaseManager()) {
            org.greendl.deploy.onnx.Blocks.initialize(block, m, shape, 7);
            ModelProto model = OnnxExporter.create().export(block, shape, ExportOptions.named(name));
            NDArray x = m.randomNormal(shape);
            float[] expected = Blocks_fwd(block, m, x);
            try (OnnxSession s = OnnxSession.open(model.toByteArray(), SessionSettings.threads(1))) {
                float[] actual = s.runFirst(x.toFloatArray(), shape.getShape());
                double diff = maxAbsDiff(expected, actual);
                assertTrue(diff <= 1e-4, name + ": max |DJL - ORT| = " + diff + " ops="
                        + model.getGraph().getNodeList().stream().map(n -> n.getOpType())
                        .collect(Collectors.joining(",")));
            }
        }
    }

    static void Blocks_init(Block block, NDManager m) {
        org.greendl.deploy.onnx.Blocks.initialize(block, m, IMAGE, 7);
    }

    static float[] Blocks_fwd(Block block, NDManager m, NDArray x) {
        return org.greendl.deploy.onnx.Blocks.forward(block, m, x);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length, "output sizes differ");
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
