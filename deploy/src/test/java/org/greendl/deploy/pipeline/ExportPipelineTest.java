package org.greendl.deploy.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Path;
import java.util.Map;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.nn.zoo.ModelZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export pipeline without data: no parity images, and dynamic int8, which needs no calibration. */
class ExportPipelineTest {
    @TempDir Path dir;

    private static ExportSource mlp() {
        return ExportSource.of("mlp", ModelZoo.build("mlp"), ModelZoo.defaultInput("mlp"));
    }

    @Test
    void anFp32ExportWithoutParityHasNeitherReport() throws Exception {
        ExportResult r = ExportPipeline.run(mlp(), ExportSettings.defaults().withParityImages(0));
        assertEquals("mlp", r.model());
        assertEquals(r.fp32(), r.written());
        assertNull(r.parity());
        assertNull(r.int8());
    }

    @Test
    void dynamicInt8QuantizesTheLinearLayersAndReportsWhatOrtRuns() throws Exception {
        ExportResult r = ExportPipeline.run(mlp(), ExportSettings.defaults().withParityImages(0).withDynamicInt8());
        Int8 q = r.int8();
        assertEquals("dynamic", q.calibration());
        assertEquals(0, q.calibrationSize());
        assertTrue(q.quantizedNodes() > 0);
        assertTrue(q.sizeRatio() < 0.5, "int8 weights are a quarter of fp32's: " + q.sizeRatio());
        assertNull(q.foldedBatchNorms());
        assertTrue(q.fusion().ops().keySet().stream().anyMatch(op -> op.contains("DynamicQuantize")), q.fusion().ops()
                .toString());
        assertNotEquals(r.fp32(), r.written());
        Path file = dir.resolve("mlp.int8.onnx");
        r.save(file);
        ModelProto back = OnnxModels.load(file);
        assertEquals(r.written().getSerializedSize(), back.getSerializedSize());
    }

    @Test
    void fusionNotesNameFloatComputeAndTransposes() {
        Fusion f = new Fusion(Map.of("Conv", 1, "Transpose", 2, "QLinearConv", 3));
        assertEquals(2, f.notes().size(), f.notes().toString());
        assertTrue(f.notes().get(0).contains("[Conv]"));
        assertTrue(f.notes().get(1).contains("2 Transpose"));
        assertTrue(new Fusion(Map.of("QLinearConv", 3)).notes().isEmpty());
    }

    @Test
    void settingsRefuseDynamicWithoutInt8() {
        ExportSettings d = ExportSettings.defaults();
        assertThrows(IllegalArgumentException.class, () -> new ExportSettings(false, true, d.quantization(), null, 3,
                0, 100, null));
        assertThrows(IllegalArgumentException.class, () -> d.withAutoFloat(1.0));
    }
}
