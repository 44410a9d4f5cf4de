package org.greendl.deploy.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.greendl.deploy.onnx.ExportOptions;
import org.greendl.deploy.onnx.OnnxExporter;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.nn.zoo.ModelZoo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeTest {
    @TempDir static Path dir;
    static Path model;
    static ModelProto proto;

    @BeforeAll
    static void export() {
        Block mlp = ModelZoo.build("mlp");
        try (NDManager m = NDManager.newBaseManager()) {
            mlp.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            proto = OnnxExporter.create().export(mlp, new Shape(1, 1, 28, 28),
                    ExportOptions.named("mlp").withMetadata(ExportOptions.RUN_RECORD_KEY, "{\"schema\":1}"));
        }
        model = dir.resolve("mlp.onnx");
        OnnxModels.save(proto, model);
    }

    @Test
    void nativesAreExtractedOnceToAStableFolder() {
        Path folder = OrtNatives.prepare();
        assertTrue(folder == null || Files.isRegularFile(folder.resolve("libonnxruntime.so")), "" + folder);
        assertEquals(folder, OrtNatives.prepare(), "idempotent");
    }

    @Test
    void savedModelRoundTripsWithRunRecordMetadata() {
        ModelProto read = OnnxModels.load(model);
        assertEquals("{\"schema\":1}", OnnxModels.metadata(read, ExportOptions.RUN_RECORD_KEY).orElseThrow());
        assertEquals(OnnxExporter.OPSET, read.getOpsetImport(0).getVersion());
    }

    @Test
    void predictorClassifiesBatches() {
        try (Predictor p = Predictor.open(model, 1)) {
            assertArrayEquals(new long[] {1, 28, 28}, p.sampleShape());
            float[] images = new float[3 * 784];
            Arrays.fill(images, 0.5f);
            int[] classes = p.classify(images, 3);
            assertEquals(3, classes.length);
            assertEquals(classes[0], classes[2]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.logits(images, 2));
            assertTrue(e.getMessage().startsWith("expected 2 x [1, 28, 28]"), e.getMessage());
        }
    }

    @Test
    void anInputTooLargeOrSymbolicIsRefusedNamingTheModel() throws IOException {
        for (long dim : new long[] {-1, 1L << 31}) {
            ModelProto.Builder m = proto.toBuilder();
            m.getGraphBuilder().getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder()
                    .getDimBuilder(2).setDimValue(dim);
            Path f = dir.resolve("dim" + dim + ".onnx");
            Files.write(f, m.build().toByteArray());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Predictor.open(f, 1));
            assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        }
    }

    @Test
    void aModelThatCannotRunNamesTheFile() {
        try (OnnxSession s = OnnxSession.open(model, SessionSettings.threads(1))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> s.run(new float[2 * 5 * 5], 2, 1, 5, 5));
            assertTrue(e.getMessage().startsWith("ONNX Runtime cannot run " + model), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void notOnnxOrTruncatedFilesGiveOneLineErrors() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.onnx"), "hello, not a model\n");
        Path truncated = dir.resolve("truncated.onnx");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        for (Path bad : List.of(text, truncated, dir.resolve("missing.onnx"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> OnnxSession.open(bad, SessionSettings.threads(1)));
            assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void serveBenchmarkReportsPercentilesAndThroughput() {
        var settings = new ServeBenchmark.Settings(List.of(1, 8), 1, 2, 5, 0.05);
        EnergyMeter fake = () -> () -> new EnergyMeter.Reading(2e-6, "estimate");
        List<BatchResult> results = ServeBenchmark.run(model, settings, fake);
        assertEquals(List.of(1, 8), results.stream().map(BatchResult::batch).toList());
        for (BatchResult r : results) {
            assertTrue(r.runs() >= 5);
            assertTrue(r.latencyMsP50() > 0 && r.latencyMsP50() <= r.latencyMsP90()
                    && r.latencyMsP90() <= r.latencyMsP99(), r.toString());
            assertTrue(r.throughputPerS() > 0);
            // 2e-6 kWh spread over runs x batch samples, per 1,000
            assertEquals(2e-6 / (r.runs() * r.batch() / 1000.0), r.energyKwhPer1k(), 1e-15);
            assertEquals("estimate", r.energySource());
        }
    }

    @Test
    void profileListsEveryOptimizedNodeSlowestFirst() {
        List<NodeProfile.NodeTime> nodes = NodeProfile.measure(model, 1, 4, 3);
        assertTrue(!nodes.isEmpty(), "no nodes profiled");
        double share = nodes.stream().mapToDouble(NodeProfile.NodeTime::share).sum();
        assertEquals(1.0, share, 1e-9);
        for (int i = 1; i < nodes.size(); i++) {
            assertTrue(nodes.get(i - 1).microsPerRun() >= nodes.get(i).microsPerRun(), nodes.toString());
        }
        assertTrue(nodes.stream().allMatch(n -> !n.op().isEmpty() && n.microsPerRun() >= 0), nodes.toString());
    }

    @Test
    void percentileIsNearestRank() {
        long[] sorted = {1_000_000, 2_000_000, 3_000_000, 4_000_000};
        assertEquals(2.0, ServeBenchmark.pct(sorted, 50));
        assertEquals(4.0, ServeBenchmark.pct(sorted, 99));
    }
}
