package org.greendl.deploy.pipeline;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greendl.deploy.runtime.OptimizedGraph;

/**
 * The op counts of a graph after ONNX Runtime's optimizations (fusions included), and what they imply: compute
 * ops that still run in float, and the layout transposes that can make int8 slower than fp32.
 */
public record Fusion(Map<String, Integer> ops) {

    public static Fusion of(ModelProto model) {
        return new Fusion(OptimizedGraph.opCounts(model.toByteArray(), 1));
    }

    /** Conv, Gemm, MatMul (fused or not) left in float. */
    public List<String> floatCompute() {
        return ops.keySet().stream()
                .filter(op -> op.equals("Conv") || op.equals("Gemm") || op.equals("MatMul")
                        || op.endsWith(":FusedConv") || op.endsWith(":FusedGemm")).toList();
    }

    public int transposes() {
        return ops.getOrDefault("Transpose", 0);
    }

    /** What a user should know about this graph, one sentence each (none when int8 runs throughout). */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (!floatCompute().isEmpty()) {
            notes.add("after ONNX Runtime's optimization these ops still run in float: " + floatCompute());
        }
        if (transposes() > 0) {
            // ORT runs int8 convolutions channels-last; each Transpose is a full copy of a uint8 tensor.
            notes.add("ONNX Runtime runs " + transposes() + " Transpose op(s) (NCHW/NHWC layout changes) in the int8 "
                    + "graph; on small layers they can make int8 slower than fp32");
        }
        return notes;
    }
}
