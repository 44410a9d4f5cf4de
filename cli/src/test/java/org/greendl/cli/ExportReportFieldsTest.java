package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.greendl.data.FashionMnist;
import org.greendl.testing.OutsideMaven;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fields of {@code greendl export --format json}, in order: what scripts read must not move. */
class ExportReportFieldsTest {
    @TempDir Path dir;

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void dynamicInt8WithoutParity() throws Exception {
        JsonNode r = DeployCommandsTest.json(ProfileCommandTest.run("export", "--zoo", "mlp", "--out",
                dir.resolve("m.onnx").toString(), "--int8", "--dynamic", "--parity", "0", "--format", "json"));
        assertEquals(List.of("model", "opset", "fp32_bytes", "int8", "out", "bytes", "run_record"), names(r));
        assertEquals(List.of("calibration", "calibration_size", "per_channel", "quantized_nodes", "size_ratio",
                "ort_optimized_ops"), names(r.get("int8")));
        assertEquals("dynamic", r.at("/int8/calibration").asText());
    }

    @Test
    void staticInt8WithParity() throws Exception {
        Path data = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.locate(null));
        JsonNode r = DeployCommandsTest.json(ProfileCommandTest.run("export", "--zoo", "lenet5", "--out",
                dir.resolve("l.onnx").toString(), "--int8", "--calibration-size", "64", "--parity", "50",
                "--data", data.toString(), "--format", "json"));
        assertEquals(List.of("model", "opset", "fp32_bytes", "parity", "int8", "out", "bytes", "run_record"), names(r));
        assertEquals(List.of("images", "max_abs_diff", "test_accuracy_fp32", "test_accuracy_int8"),
                names(r.get("parity")));
        assertEquals(List.of("calibration", "calibration_size", "per_channel", "quantized_nodes",
                "folded_batch_norms", "layout_rewrites", "size_ratio", "ort_optimized_ops"), names(r.get("int8")));
        assertEquals(50, r.at("/parity/images").asInt());
        assertEquals(64, r.at("/int8/calibration_size").asInt());
    }
}
