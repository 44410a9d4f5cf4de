package org.greendl.deploy.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.greendl.deploy.runtime.InputFeeds;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.deploy.runtime.SessionSettings;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

/**
 * text-transformer exports with int64 {@code input_ids} and {@code attention_mask}, batch and length symbolic, and
 * ONNX Runtime gives DJL's logits (max |diff| <= 1e-4) on texts of 16, 10, 3, 1 and 0 tokens padded to 16, and on
 * the same model fed 8 tokens (the symbolic length).
 */
class TextTransformerExportTest {
    static final int LENGTH = 16;
    static final int VOCABULARY = 50;
    static final int CLASSES = 3;
    static final int[] LENGTHS = {16, 10, 3, 1, 0};

    static Block model(String variant) {
        Map<String, String> o = new HashMap<>(Map.of("width", "16", "heads", "2", "mlp", "32"));
        for (String kv : variant.isEmpty() ? new String[0] : variant.split(",")) {
            o.put(kv.split("=")[0], kv.split("=")[1]);
        }
        return ModelZoo.build("text-transformer", o, InputSpec.tokens(LENGTH, VOCABULARY, CLASSES));
    }

    /** Token ids 2..49 for each text's tokens, 0 after them; row i has LENGTHS[i] tokens, cut to {@code length}. */
    static long[] ids(int length, long seed) {
        Random r = new Random(seed);
        long[] ids = new long[LENGTHS.length * length];
        for (int i = 0; i < LENGTHS.length; i++) {
            for (int t = 0; t < Math.min(LENGTHS[i], length); t++) {
                ids[i * length + t] = 2 + r.nextInt(VOCABULARY - 2);
            }
        }
        return ids;
    }

    static double parity(Block block, ModelProto model, NDManager m, int length) {
        long[] ids = ids(length, 3);
        long[] mask = new long[ids.length];
        float[] asFloats = new float[ids.length];
        for (int i = 0; i < ids.length; i++) {
            mask[i] = ids[i] == 0 ? 0 : 1;
            asFloats[i] = ids[i];
        }
        long[] shape = {LENGTHS.length, length};
        NDArray x = m.create(asFloats, new Shape(shape));
        float[] expected = Blocks.forward(block, m, x);
        Map<String, InputFeeds.Feed> feeds = new LinkedHashMap<>();
        feeds.put(OnnxExporter.TOKEN_IDS, new InputFeeds.Feed("int64", shape, null, ids));
        feeds.put(OnnxExporter.ATTENTION_MASK, new InputFeeds.Feed("int64", shape, null, mask));
        try (OnnxSession s = OnnxSession.open(model.toByteArray(), SessionSettings.threads(1))) {
            float[] actual = s.run(feeds).values().iterator().next();
            assertEquals(expected.length, actual.length);
            double largest = 0;
            for (float v : expected) {
                largest = Math.max(largest, Math.abs(v));
            }
            assertTrue(largest > 0.05, "logits too small for the comparison to mean much: " + largest);
            return OnnxExporterTest.maxAbsDiff(expected, actual);
        }
    }

    static final List<String> VARIANTS = List.of("", "attention=linear", "pool=cls", "sharing=albert,layers=3",
            "factorized=4", "exits=layer", "exits=layer,threshold=0.05", "attention=linear,pool=cls,factorized=8,layers=3");

    @Test
    void onnxRuntimeGivesDjlsLogits() {
        for (String variant : VARIANTS) {
            assertParity(variant);
        }
    }

    private static void assertParity(String variant) {
        Block block = model(variant);
        try (NDManager m = NDManager.newBaseManager()) {
            Blocks.initialize(block, m, new Shape(LENGTHS.length, LENGTH), 5);
            ModelProto model = OnnxExporter.create().exportTokens(block, LENGTH, ExportOptions.named("text"));
            List<String> inputs = model.getGraph().getInputList().stream().map(ValueInfoProto::getName).toList();
            assertEquals(List.of("input_ids", "attention_mask"), inputs);
            for (ValueInfoProto in : model.getGraph().getInputList()) {
                assertEquals(7, in.getType().getTensorType().getElemType(), "int64");
                assertEquals("N", in.getType().getTensorType().getShape().getDim(0).getDimParam());
                assertEquals("L", in.getType().getTensorType().getShape().getDim(1).getDimParam());
            }
            double full = parity(block, model, m, LENGTH);
            double shorter = parity(block, model, m, 8);
            System.out.println("text-transformer " + variant + ": max |DJL - ORT| " + full + " at 16 tokens, "
                    + shorter + " at 8");
            assertTrue(full <= 1e-4, variant + ": max |DJL - ORT| = " + full);
            assertTrue(shorter <= 1e-4, variant + " at 8 tokens: max |DJL - ORT| = " + shorter);
        }
    }

    /**
     * Dynamic int8 (the MatMul path): 4 linear maps per layer and the classifier become int8; ALBERT's shared layer
     * is stored in int8 once however often it is applied; the int8 logits stay near the float ones.
     */
    @Test
    void dynamicInt8QuantizesEveryLinearMapOnce() {
        for (String variant : List.of("layers=2", "sharing=albert,layers=3")) {
            Block block = model(variant);
            try (NDManager m = NDManager.newBaseManager()) {
                Blocks.initialize(block, m, new Shape(LENGTHS.length, LENGTH), 5);
                ModelProto fp32 = OnnxExporter.create().exportTokens(block, LENGTH, ExportOptions.named("text"));
                org.greendl.deploy.int8.DynamicQuantizer.Result q = org.greendl.deploy.int8.DynamicQuantizer.quantize(
                        fp32, true, java.util.Set.of());
                int layers = variant.startsWith("sharing") ? 3 : 2;
                assertEquals(4 * layers + 1, q.quantizedNodes().size(), variant);
                long int8Weights = q.model().getGraph().getInitializerList().stream()
                        .filter(t -> t.getDataType() == 3 && t.getDimsCount() == 2).count();
                assertEquals(variant.startsWith("sharing") ? 4 + 1 : 4 * 2 + 1, int8Weights, variant);
                double fp32Diff = parity(block, fp32, m, LENGTH);
                double int8Diff = parity(block, q.model(), m, LENGTH);
                System.out.println("text-transformer " + variant + " dynamic int8: " + q.quantizedNodes().size()
                        + " nodes, max |DJL - int8| " + int8Diff + " (fp32 " + fp32Diff + "), "
                        + fp32.getSerializedSize() + " -> " + q.model().getSerializedSize() + " bytes");
                assertTrue(int8Diff < 0.1, variant + ": int8 logits " + int8Diff + " from DJL's");
            }
        }
    }

    @Test
    void floatIdsExportWithTheDefaultSignature() {
        // the plain export (one float input, as DJL takes it) derives the mask from ids != 0
        Block block = model("pool=cls");
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(LENGTHS.length, LENGTH);
            Blocks.initialize(block, m, shape, 5);
            ModelProto model = OnnxExporter.create().export(block, shape, ExportOptions.named("text-float"));
            long[] ids = ids(LENGTH, 4);
            float[] x = new float[ids.length];
            for (int i = 0; i < ids.length; i++) {
                x[i] = ids[i];
            }
            float[] expected = Blocks.forward(block, m, m.create(x, shape));
            try (OnnxSession s = OnnxSession.open(model.toByteArray(), SessionSettings.threads(1))) {
                double diff = OnnxExporterTest.maxAbsDiff(expected, s.runFirst(x, shape.getShape()));
                assertTrue(diff <= 1e-4, "max |DJL - ORT| = " + diff);
            }
            // the two-input export chosen for a token model; float ids fed through the parity check become
            // input_ids and attention_mask
            assertTrue(OnnxExporter.takesTokens(block));
            ModelProto tokens = OnnxExporter.create().exportAny(block, shape, ExportOptions.named("text"));
            assertEquals(2, tokens.getGraph().getInputCount());
            ParityCheck.Result r = ParityCheck.compare(block, tokens, x, new long[] {LENGTH}, LENGTHS.length, 2);
            assertTrue(r.maxAbsDiff() <= 1e-4, "parity check: " + r.maxAbsDiff());
            assertEquals(LENGTHS.length * CLASSES, r.values());
        }
    }
}
