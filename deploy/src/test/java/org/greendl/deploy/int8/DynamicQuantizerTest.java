package org.greendl.deploy.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Map;
import java.util.Set;
import org.greendl.deploy.onnx.ExportOptions;
import org.greendl.deploy.onnx.OnnxExporter;
import org.greendl.deploy.runtime.OptimizedGraph;
import org.greendl.nn.zoo.ModelZoo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DynamicQuantizerTest {
    static ModelProto fp32;

    @BeforeAll
    static void export() {
        StaticQuantizerTest.exportModel(); // calibration images
        Block mlp = ModelZoo.build("mlp");
        try (NDManager m = NDManager.newBaseManager()) {
            mlp.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            fp32 = OnnxExporter.create().export(mlp, new Shape(1, 1, 28, 28), ExportOptions.named("mlp"));
        }
    }

    @Test
    void mlpFusesIntoDynamicQuantizeMatMulAndAgreesWithFloat() {
        DynamicQuantizer.Result r = DynamicQuantizer.quantize(fp32, true, Set.of());
        assertEquals(3, r.quantizedNodes().size());
        Map<String, Integer> ops = OptimizedGraph.opCounts(r.model().toByteArray(), 1);
        assertEquals(3, ops.getOrDefault("com.microsoft:DynamicQuantizeMatMul", 0), "optimized graph: " + ops);
        assertFalse(ops.containsKey("Gemm") || ops.containsKey("com.microsoft:FusedGemm"), "" + ops);
        double agreement = StaticQuantizerTest.agreement(fp32, r.model());
        assertTrue(agreement >= 0.95, "top-1 agreement " + agreement);
        assertTrue(r.model().getSerializedSize() < 0.3 * fp32.getSerializedSize());
    }
}
