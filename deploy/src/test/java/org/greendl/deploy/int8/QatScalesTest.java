package org.greendl.deploy.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.greendl.record.QatScales;

class QatScalesTest {
    @TempDir Path dir;

    @BeforeAll
    static void model() {
        StaticQuantizerTest.exportModel();
    }

    @Test
    void learnedScalesAndInputRangesAreUsed() throws IOException {
        float[] convScales = new float[16];
        Arrays.fill(convScales, 0.01f);
        float[] linearScales = new float[64];
        Arrays.fill(linearScales, 0.002f);
        String json = "{\"format\":\"greendl.qat\",\"version\":1,\"layers\":["
                + "{\"name\":\"01Conv2d\",\"weight_scales\":" + Arrays.toString(convScales)
                + ",\"input_min\":-1.0,\"input_max\":2.0},"
                + "{\"name\":\"16Linear\",\"weight_scales\":" + Arrays.toString(linearScales)
                + ",\"input_scale\":0.05,\"input_zero_point\":0}]}";
        Path file = Files.writeString(dir.resolve(QatScales.FILE), json);
        QatScales qat = QatScales.read(file);
        ModelProto fp32 = StaticQuantizerTest.fp32;
        // Plain QDQ layout: the space-to-depth rewrite would tile the first conv's scales (tested elsewhere).
        ModelProto q = StaticQuantizer.quantize(fp32, StaticQuantizerTest.calibration,
                QuantizationConfig.defaults().withKernelLayout(false), qat).model();

        // Input of the first conv: range [-1, 2] -> scale 3/255.
        assertEquals(3f / 255f, scaleOf(q, quantizeOf(q, "input")), 1e-7);
        // First conv: learned scale x |gamma / sqrt(var + eps)| of the folded batch norm.
        float[] gamma = floats(fp32, "cnn/02BatchNorm/gamma");
        float[] var = floats(fp32, "cnn/02BatchNorm/running_var");
        float[] convWeightScales = floats(q, weightDequantizeOf(q, "cnn/01Conv2d/").getInput(1));
        for (int c = 0; c < 16; c++) {
            assertEquals(0.01f * Math.abs(gamma[c] / Math.sqrt(var[c] + 1e-5f)), convWeightScales[c], 1e-6);
        }
        // Linear (no batch norm): the learned scales as they are.
        float[] linear = floats(q, weightDequantizeOf(q, "cnn/16Linear/").getInput(1));
        assertEquals(64, linear.length);
        assertEquals(0.002f, linear[5], 1e-9);
    }

    @Test
    void wrongFormatIsRejected() throws IOException {
        Path file = Files.writeString(dir.resolve("qat.json"), "{\"format\":\"other\",\"layers\":[]}");
        IOException e = assertThrows(IOException.class, () -> QatScales.read(file));
        assertEquals("not a greendl qat.json (format other): " + file, e.getMessage());
    }

    static String quantizeOf(ModelProto m, String tensor) {
        return m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("QuantizeLinear")
                && n.getInput(0).equals(tensor)).findFirst().orElseThrow().getInput(1);
    }

    static NodeProto weightDequantizeOf(ModelProto m, String prefix) {
        return m.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("DequantizeLinear")
                && n.getInput(0).startsWith(prefix) && n.getInput(0).contains("int8")).findFirst().orElseThrow();
    }

    static float scaleOf(ModelProto m, String name) {
        return floats(m, name)[0];
    }

    static float[] floats(ModelProto m, String name) {
        TensorProto t = m.getGraph().getInitializerList().stream().filter(i -> i.getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no initializer " + name));
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] a = new float[b.remaining() / 4];
        b.asFloatBuffer().get(a);
        return a;
    }

    @Test
    void anEmptyOrNullFileIsOneLineNamingIt() throws IOException {
        for (String content : new String[] {"", "null"}) {
            Path f = Files.writeString(dir.resolve("qat.json"), content);
            IOException e = assertThrows(IOException.class, () -> QatScales.read(f));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
