package org.greendl.deploy.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.deploy.profile.InputShapeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token ids and masks (int64, symbolic batch and sequence) through the signature, the feeds and the benchmark. */
class AnySignatureTest {
    @TempDir Path dir;

    /** ids, mask [batch, seq] int64 -> Gather(embedding 50 x 8) * mask -> ReduceMean(seq) -> MatMul -> [batch, 3]. */
    static ModelProto encoder(Object batch) {
        Random r = new Random(1);
        GraphProto.Builder g = GraphProto.newBuilder().setName("encoder")
                .addInput(value("input_ids", 7, batch, "seq")).addInput(value("attention_mask", 7, batch, "seq"))
                .addOutput(value("logits", 1, batch, 3L))
                .addInitializer(floats("embed.weight", r, 50, 8)).addInitializer(floats("head.weight", r, 8, 3));
        g.addNode(node("Gather", "/embed/Gather", List.of("embed.weight", "input_ids"), "h"));
        g.addNode(node("Cast", "/Cast", List.of("attention_mask"), "m").toBuilder().addAttribute(AttributeProto
                .newBuilder().setName("to").setType(AttributeProto.AttributeType.INT).setI(1)).build());
        g.addNode(node("Unsqueeze", "/Unsqueeze", List.of("m", "axes"), "m3"));
        g.addInitializer(TensorProto.newBuilder().setName("axes").setDataType(7).addDims(1).addInt64Data(-1));
        g.addNode(node("Mul", "/Mul", List.of("h", "m3"), "hm"));
        g.addNode(node("ReduceMean", "/ReduceMean", List.of("hm"), "pooled").toBuilder().addAttribute(AttributeProto
                .newBuilder().setName("axes").setType(AttributeProto.AttributeType.INTS).addInts(1))
                .addAttribute(AttributeProto.newBuilder().setName("keepdims").setType(AttributeProto.AttributeType.INT)
                        .setI(0)).build());
        g.addNode(node("MatMul", "/head/MatMul", List.of("pooled", "head.weight"), "logits"));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("pytorch")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17)).setGraph(g).build();
    }

    @Test
    void signatureBindsTheSequenceEverywhereAndFeedsIdsBelowTheVocabulary() {
        ModelProto m = encoder("N");
        InputSignature s = InputSignature.of(m, List.of("input_ids=N,16:int64"));
        assertEquals("input_ids=N,16:int64", s.inputs().get(0).describe());
        assertEquals("attention_mask=N,16:int64", s.inputs().get(1).describe(), "seq bound by the other input");
        Map<String, InputFeeds.Feed> feeds = InputFeeds.generate(m, s, 4, 42);
        assertArrayEquals(new long[] {4, 16}, feeds.get("input_ids").shape());
        long[] ids = feeds.get("input_ids").longs();
        assertTrue(java.util.Arrays.stream(ids).allMatch(v -> v >= 0 && v < 50));
        assertTrue(java.util.Arrays.stream(ids).distinct().count() > 10, "ids vary");
        assertTrue(java.util.Arrays.stream(feeds.get("attention_mask").longs()).allMatch(v -> v == 1));
        assertEquals("token ids in [0, 50)", InputFeeds.describe(m, s).get("input_ids"));
        var e = assertThrows(InputShapeException.class, () -> InputSignature.of(m, List.of()));
        assertTrue(e.getMessage().contains("free dimension 'seq' at axis 1"), e.getMessage());
        e = assertThrows(InputShapeException.class, () -> InputSignature.of(m, List.of("input_ids=N,16:float32")));
        assertEquals("input 'input_ids' is int64, not float32", e.getMessage());
        e = assertThrows(InputShapeException.class, () -> InputSignature.of(m, List.of("ids=N,16")));
        assertTrue(e.getMessage().startsWith("the model has no input 'ids'"), e.getMessage());
    }

    @Test
    void benchmarkRunsEachBatchAndSkipsThoseAFixedBatchModelCannotTake() {
        Path free = dir.resolve("free.onnx");
        OnnxModels.save(encoder("N"), free);
        ServeBenchmark.Settings settings = new ServeBenchmark.Settings(List.of(1, 4), 1, 1, 3, 0.01);
        ServeBenchmark.Outcome o = ServeBenchmark.run(free, settings, null, List.of("input_ids=N,8:int64"));
        assertEquals(List.of(1, 4), o.results().stream().map(BatchResult::batch).toList());
        assertTrue(o.skipped().isEmpty());
        Path fixed = dir.resolve("fixed.onnx");
        OnnxModels.save(encoder(1L), fixed);
        o = ServeBenchmark.run(fixed, settings, null, List.of("input_ids=N,8:int64"));
        assertEquals(List.of(1), o.results().stream().map(BatchResult::batch).toList());
        assertEquals(List.of("batch 4 skipped: the model was exported for batch 1 only"), o.skipped());
    }

    @Test
    void nodeProfileFeedsTokenIdsToAModelThatTakesThem() {
        Path free = dir.resolve("profiled.onnx");
        OnnxModels.save(encoder("N"), free);
        List<NodeProfile.NodeTime> nodes = NodeProfile.measure(free, 1, 4, 2, List.of("input_ids=N,8:int64"));
        assertFalse(nodes.isEmpty(), "the trace has the model's nodes");
        assertTrue(nodes.stream().anyMatch(n -> n.op().equals("Gather")), "the embedding ran: " + nodes);
    }

    @Test
    void agreementIsOneWithItselfAndLowerWithOtherWeights() {
        Path a = dir.resolve("a.onnx");
        OnnxModels.save(encoder("N"), a);
        ModelProto other = encoder("N");
        GraphProto.Builder g = other.getGraph().toBuilder();
        g.setInitializer(1, floats("head.weight", new Random(9), 8, 3));
        Path b = dir.resolve("b.onnx");
        OnnxModels.save(other.toBuilder().setGraph(g).build(), b);
        List<String> spec = List.of("input_ids=N,8:int64");
        Agreement self = Agreement.measure(a, a, spec, 100, 16, 1, 42);
        assertEquals(100, self.samples(), "six batches of 16 and one of the 4 left");
        assertEquals(1.0, self.rate());
        assertTrue(Agreement.measure(a, b, spec, 100, 16, 1, 42).rate() < 0.9);
    }

    static NodeProto node(String op, String name, List<String> in, String out) {
        return NodeProto.newBuilder().setOpType(op).setName(name).addAllInput(in).addOutput(out).build();
    }

    static ValueInfoProto value(String name, int type, Object... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            s.addDim(d instanceof String p ? TensorShapeProto.Dimension.newBuilder().setDimParam(p)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue((Long) d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type).setShape(s))).build();
    }

    static TensorProto floats(String name, Random r, long rows, long cols) {
        ByteBuffer b = ByteBuffer.allocate((int) (rows * cols * 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * cols; i++) {
            b.putFloat((float) r.nextGaussian());
        }
        return TensorProto.newBuilder().setName(name).setDataType(1).addDims(rows).addDims(cols)
                .setRawData(ByteString.copyFrom(b.array())).build();
    }
}
