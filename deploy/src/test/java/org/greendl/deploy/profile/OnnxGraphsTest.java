package org.greendl.deploy.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.greendl.deploy.onnx.OnnxGraph;
import org.greendl.profile.LayerProfile;
import org.greendl.profile.Profile;
import org.junit.jupiter.api.Test;

/** Hand-built graphs in the shapes PyTorch exports take: shared weights, computed shapes, free dimensions. */
class OnnxGraphsTest {

    static ValueInfoProto input(String name, int type, Object... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            s.addDim(d instanceof String p ? TensorShapeProto.Dimension.newBuilder().setDimParam(p)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type).setShape(s))).build();
    }

    static TensorProto floats(String name, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1)
                .setRawData(ByteString.copyFrom(new byte[(int) n * 4]));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static TensorProto int64s(String name, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return TensorProto.newBuilder().setName(name).setDataType(7).addDims(values.length)
                .setRawData(ByteString.copyFrom(b.array())).build();
    }

    static NodeProto node(String op, String name, List<String> in, List<String> out, AttributeProto... attrs) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addAllOutput(out);
        for (AttributeProto a : attrs) {
            b.addAttribute(a);
        }
        return b.build();
    }

    static ModelProto model(GraphProto.Builder g) {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("pytorch").setProducerVersion("2.1")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(g.setName("g")).build();
    }

    @Test
    void aWeightReadTwiceCountsOnceAndAnIdentityCopyAsItsOwn() {
        // A module used twice: torch.onnx.export reads the one initializer in both nodes.
        GraphProto.Builder shared = GraphProto.newBuilder().addInput(input("x", 1, "batch", 4))
                .addInitializer(floats("w", 4, 4))
                .addNode(node("MatMul", "first", List.of("x", "w"), List.of("h")))
                .addNode(node("MatMul", "second", List.of("h", "w"), List.of("y")))
                .addOutput(input("y", 1, "batch", 4));
        Profile p = OnnxProfiler.profile(model(shared), Map.of("x", new long[] {3, 4}));
        assertEquals(16, p.total().params());
        assertEquals(2 * 3 * 4 * 4, p.total().macs());
        assertEquals(0, p.layers().get(1).params(), "the shared weight is counted where first used");
        // Two modules whose weights happen to be equal: the exporter keeps one and writes Identity(w) for the other.
        GraphProto.Builder copied = GraphProto.newBuilder().addInput(input("x", 1, "batch", 4))
                .addInitializer(floats("w", 4, 4))
                .addNode(node("MatMul", "first", List.of("x", "w"), List.of("h")))
                .addNode(node("Identity", "copy", List.of("w"), List.of("w2")))
                .addNode(node("MatMul", "second", List.of("h", "w2"), List.of("y")))
                .addOutput(input("y", 1, "batch", 4));
        p = OnnxProfiler.profile(model(copied), Map.of("x", new long[] {3, 4}));
        assertEquals(32, p.total().params(), "each module's own weight, as torch counts them");
        assertEquals(16, p.layers().get(2).params());
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void reshapeReadsAShapeComputedInTheGraph() {
        // PyTorch's x.view(x.size(0), -1): Shape -> Gather -> Unsqueeze -> Concat -> Reshape, then a linear layer.
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", 1, "N", 2, 3, 5))
                .addInitializer(int64s("zero", 0)).addInitializer(int64s("minus_one", -1))
                .addInitializer(floats("fc.weight", 7, 30)).addInitializer(floats("fc.bias", 7))
                .addNode(node("Shape", "shape", List.of("x"), List.of("s")))
                .addNode(node("Gather", "batch", List.of("s", "zero"), List.of("n"), OnnxGraph.attr("axis", 0L)))
                .addNode(node("Concat", "target", List.of("n", "minus_one"), List.of("t"), OnnxGraph.attr("axis", 0L)))
                .addNode(node("Reshape", "flatten", List.of("x", "t"), List.of("f")))
                .addNode(node("Gemm", "fc", List.of("f", "fc.weight", "fc.bias"), List.of("y"),
                        OnnxGraph.attr("transB", 1L)))
                .addNode(node("Relu", "relu", List.of("y"), List.of("z")))
                .addOutput(input("z", 1, "N", 7));
        Profile p = OnnxProfiler.profile(model(g), Map.of("x", new long[] {2, 2, 3, 5}));
        assertEquals(List.of(), p.warnings());
        assertEquals(7 * 30 + 7, p.total().params(), "the int64 shape tensors are not parameters");
        assertEquals(2 * 30 * 7, p.total().macs());
        assertArrayEquals(new long[] {2, 30}, p.layers().get(3).outputShape().getShape());
        assertEquals(2 * 2 * 30 * 7 + 2 * 7 + 2 * 7, p.total().flops(), "2 MACs + bias + relu");
    }

    @Test
    void anOperatorWithoutShapeRulesIsListedUncountedWithItsParameters() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", 1, "N", 3, 8, 8))
                .addInitializer(floats("w", 4, 3, 3, 3))
                .addNode(node("Resize", "up", List.of("x"), List.of("u")))
                .addNode(node("Conv", "conv", List.of("u", "w"), List.of("c"), OnnxGraph.attrInts("pads", 1, 1, 1, 1)))
                .addNode(node("Relu", "relu", List.of("c"), List.of("y")))
                .addOutput(input("y", 1, "N", 4, "H", "W"));
        Profile p = OnnxProfiler.profile(model(g), Map.of());
        assertEquals(3, p.uncounted().size());
        assertEquals(4 * 3 * 3 * 3, p.total().params(), "parameters are counted without shapes");
        assertEquals(0, p.total().macs());
        assertTrue(p.warnings().get(0).startsWith("cannot infer the output shape of node 'up' (Resize)"), p.warnings().get(0));
        assertTrue(p.warnings().get(1).startsWith("2 node(s) after those"), p.warnings().toString());
    }

    @Test
    void aConvolutionTooBigForItsInputIsUncountedNotAFailure() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", 1, "N", 1, "H", "W"))
                .addInitializer(floats("w", 2, 1, 5, 5))
                .addNode(node("Conv", "conv", List.of("x", "w"), List.of("y")))
                .addOutput(input("y", 1, "N", 2, "H2", "W2"));
        Profile fits = OnnxProfiler.profile(model(g), Map.of("x", new long[] {1, 1, 6, 6}));
        assertEquals(2 * 2 * 2 * 25, fits.total().macs());
        Profile small = OnnxProfiler.profile(model(g), Map.of("x", new long[] {1, 1, 3, 3}));
        assertEquals(LayerProfile.UNCOUNTED, small.layers().get(0).type());
        assertTrue(small.warnings().get(0).contains("too small"), small.warnings().toString());
    }

    @Test
    void freeDimensionsMustBeBoundAndGivenShapesMustFit() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("ids", 7, "batch", "seq"))
                .addInput(input("mask", 7, "batch", "seq"))
                .addInitializer(floats("table", 100, 16))
                .addNode(node("Gather", "embed", List.of("table", "ids"), List.of("e")))
                .addOutput(input("e", 1, "batch", "seq", 16));
        ModelProto m = model(g);
        InputShapeException free = assertThrows(InputShapeException.class, () -> OnnxProfiler.profile(m, Map.of()));
        assertTrue(free.getMessage().contains("free dimension 'seq' at axis 1"), free.getMessage());
        Profile p = OnnxProfiler.profile(m, Map.of("ids", new long[] {2, 12}));
        assertEquals(1600, p.total().params(), "the embedding table");
        assertArrayEquals(new long[] {2, 12, 16}, p.layers().get(0).outputShape().getShape());
        assertArrayEquals(new long[] {2, 12}, InputBindings.bind(m, Map.of("ids", new long[] {2, 12})).get("mask"),
                "a symbol bound by one input binds the others");
        assertThrows(InputShapeException.class, () -> OnnxProfiler.profile(m, Map.of("tokens", new long[] {1, 2})));
        assertThrows(InputShapeException.class, () -> OnnxProfiler.profile(m, Map.of("ids", new long[] {1, 2, 3})));
        InputShapeException clash = assertThrows(InputShapeException.class, () -> OnnxProfiler.profile(m,
                Map.of("ids", new long[] {1, 8}, "mask", new long[] {1, 9})));
        assertTrue(clash.getMessage().contains("'seq'"), clash.getMessage());
    }

    @Test
    void metadataKeepsSymbolicNames() {
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("ids", 7, "batch", "seq"))
                .addInitializer(floats("table", 10, 4))
                .addInput(input("table", 1, 10, 4)) // IR < 4 style: initializers listed as inputs too
                .addNode(node("Gather", "embed", List.of("table", "ids"), List.of("e")))
                .addOutput(input("e", 1, "batch", "seq", 4));
        OnnxModelInfo info = OnnxModelInfo.of(model(g));
        assertEquals("pytorch", info.producerName());
        assertEquals(Map.of("ai.onnx", 17L), info.opsets());
        assertEquals(List.of(new OnnxModelInfo.Value("ids", "int64", List.of("batch", "seq"))), info.inputs());
        assertEquals("e float32 [batch,seq,4]", info.outputs().get(0).describe());
    }

    @Test
    void weightsInAnExternalDataFileAreCountedFromTheirDeclaredShape() {
        TensorProto external = TensorProto.newBuilder().setName("w").setDataType(1).addDims(8).addDims(4)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(ai.onnx.proto.OnnxMl.StringStringEntryProto.newBuilder().setKey("location")
                        .setValue("weights.bin")).build();
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("x", 1, "N", 4)).addInitializer(external)
                .addNode(node("Gemm", "fc", List.of("x", "w"), List.of("y"), OnnxGraph.attr("transB", 1L)))
                .addOutput(input("y", 1, "N", 8));
        Profile p = OnnxProfiler.profile(model(g), Map.of());
        assertEquals(32, p.total().params());
        assertEquals(32, p.total().macs());
        assertEquals(Map.of("float32", 128L), p.total().weightBytesByType());
    }

    @Test
    void positionsFromRangeFollowTheSequenceLength() {
        // BERT-style: token embedding + position embedding (positions = arange(seq)), then a linear layer.
        TensorProto one = TensorProto.newBuilder().setName("one").setDataType(7).addInt64Data(1).build();
        TensorProto zero = TensorProto.newBuilder().setName("zero").setDataType(7).addInt64Data(0).build();
        GraphProto.Builder g = GraphProto.newBuilder().addInput(input("ids", 7, "batch", "seq"))
                .addInitializer(floats("tokens", 50, 8)).addInitializer(floats("positions", 16, 8))
                .addInitializer(floats("w", 8, 3)).addInitializer(one).addInitializer(zero)
                .addNode(node("Shape", "shape", List.of("ids"), List.of("s")))
                .addNode(node("Gather", "seq", List.of("s", "one"), List.of("n"), OnnxGraph.attr("axis", 0L)))
                .addNode(node("Range", "arange", List.of("zero", "n", "one"), List.of("pos")))
                .addNode(node("Gather", "pos_embed", List.of("positions", "pos"), List.of("p")))
                .addNode(node("Gather", "tok_embed", List.of("tokens", "ids"), List.of("t")))
                .addNode(node("Add", "sum", List.of("t", "p"), List.of("e")))
                .addNode(node("MatMul", "head", List.of("e", "w"), List.of("y")))
                .addOutput(input("y", 1, "batch", "seq", 3));
        Profile p = OnnxProfiler.profile(model(g), Map.of("ids", new long[] {2, 10}));
        assertEquals(List.of(), p.warnings());
        assertEquals(50 * 8 + 16 * 8 + 8 * 3, p.total().params());
        assertEquals(2 * 10 * 8 * 3, p.total().macs());
        assertArrayEquals(new long[] {10, 8}, p.layers().get(3).outputShape().getShape());
    }
}
