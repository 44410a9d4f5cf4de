package org.greendl.deploy.pipeline;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Path;
import org.greendl.data.spec.DataRecord;
import org.greendl.deploy.onnx.OnnxModels;

/**
 * What {@link ExportPipeline} made: the fp32 graph, the graph to deploy (the int8 one when quantized, else the
 * fp32 one), the parity check (null when skipped), the int8 report (null without int8) and the data checked and
 * calibrated on (null when none was read).
 */
public record ExportResult(String model, int opset, ModelProto fp32, ModelProto written, Parity parity, Int8 int8,
                           DataRecord data) {

    /** Writes the graph to deploy. */
    public void save(Path file) {
        OnnxModels.save(written, file);
    }

    /**
     * The fp32 ONNX model against DJL on the first test images, and top-1 accuracy there of the fp32 and (when
     * quantized) the int8 model: a quick look, the full-test-set figure is greendl infer's.
     */
    public record Parity(int images, double maxAbsDiff, double fp32Accuracy, Double int8Accuracy) {}
}
