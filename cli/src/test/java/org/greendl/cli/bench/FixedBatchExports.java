package org.greendl.cli.bench;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import org.greendl.deploy.onnx.OnnxModels;

/**
 * Rewrites an ONNX file as another exporter might have written it: the batch dimension of its inputs and outputs
 * fixed at 1, and every initializer's bytes moved into one external-data file beside it.
 */
final class FixedBatchExports {
    private FixedBatchExports() {}

    /** Writes the rewritten model to {@code target} and its weights to {@code dataFile} beside it; returns their bytes. */
    static long write(Path source, Path target, String dataFile) throws Exception {
        ModelProto m = OnnxModels.load(source);
        GraphProto.Builder g = m.getGraph().toBuilder();
        for (int i = 0; i < g.getInputCount(); i++) {
            g.setInput(i, batchOne(g.getInput(i)));
        }
        for (int i = 0; i < g.getOutputCount(); i++) {
            g.setOutput(i, batchOne(g.getOutput(i)));
        }
        java.io.ByteArrayOutputStream data = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < g.getInitializerCount(); i++) {
            TensorProto t = g.getInitializer(i);
            if (t.getRawData().isEmpty()) {
                continue;
            }
            long offset = data.size();
            t.getRawData().writeTo(data);
            g.setInitializer(i, t.toBuilder().clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                    .addExternalData(entry("location", dataFile))
                    .addExternalData(entry("offset", String.valueOf(offset)))
                    .addExternalData(entry("length", String.valueOf(t.getRawData().size()))).build());
        }
        Files.write(target.resolveSibling(dataFile), data.toByteArray());
        OnnxModels.save(m.toBuilder().setGraph(g).build(), target);
        return data.size();
    }

    private static ValueInfoProto batchOne(ValueInfoProto v) {
        TensorShapeProto.Builder shape = v.getType().getTensorType().getShape().toBuilder();
        shape.setDim(0, TensorShapeProto.Dimension.newBuilder().setDimValue(1));
        ValueInfoProto.Builder b = v.toBuilder();
        b.getTypeBuilder().getTensorTypeBuilder().setShape(shape);
        return b.build();
    }

    private static StringStringEntryProto entry(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }
}
