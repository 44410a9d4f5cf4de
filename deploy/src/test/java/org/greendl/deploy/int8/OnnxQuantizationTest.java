package org.greendl.deploy.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.deploy.runtime.SessionSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quantizing models as PyTorch exports them: fixed batch, shared weights, int64 shape arithmetic, external data. */
class OnnxQuantizationTest {
    @TempDir Path dir;

    static CalibrationSet images(int count, long seed) {
        Random r = new Random(seed);
        float[] x = new float[count * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return new CalibrationSet(x, new long[] {1, 8, 8}, count);
    }

    /** Labels that the float model gets right: its own top-1 on random inputs, so the bound measures int8 alone. */
    private static LabelledImages ownLabels(Path model, CalibrationSet inputs) {
        int[] labels = new int[inputs.count()];
        try (OnnxSession s = OnnxSession.open(model, SessionSettings.threads(1))) {
            for (int i = 0; i < inputs.count(); i++) {
                float[] y = s.runFirst(inputs.batch(i, i + 1), inputs.batchShape(1));
                int best = 0;
                for (int k = 1; k < y.length; k++) {
                    best = y[k] > y[best] ? k : best;
                }
                labels[i] = best;
            }
        }
        return new LabelledImages(inputs.batch(0, inputs.count()), labels, new long[] {1, 8, 8});
    }

    @Test
    void anAccuracyBoundTriesTheOtherCalibrationsBeforeKeepingLayersFloat() throws Exception {
        Path in = dir.resolve("relu6.onnx");
        ModelProto fp32 = TorchLikeGraphs.relu6(13);
        OnnxModels.save(fp32, in);
        LabelledImages validation = ownLabels(in, images(300, 7));
        AccuracyBound.Outcome o = AccuracyBound.quantize(fp32, dir, OnnxQuantization.Settings.defaults()
                .withCalibrationSize(8).withPerChannel(false).withMethod(CalibrationMethod.ENTROPY), images(8, 3),
                validation, 0.0, line -> { });
        List<AccuracyBound.Step> steps = o.steps();
        assertEquals(1.0, o.floatAccuracy(), "labels are the float model's own answers");
        assertTrue(steps.get(0).dropPoints() > 0, "entropy on 8 samples, per tensor, loses some: " + steps);
        assertEquals(List.of(CalibrationMethod.ENTROPY, CalibrationMethod.MINMAX, CalibrationMethod.PERCENTILE),
                steps.subList(0, 3).stream().map(AccuracyBound.Step::calibration).toList(), "calibrations first");
        assertTrue(steps.subList(0, 3).stream().allMatch(st -> st.keptFloat().isEmpty()));
        double bestCalibrated = steps.subList(0, 3).stream().mapToDouble(AccuracyBound.Step::accuracy).max()
                .orElseThrow();
        AccuracyBound.Step chosen = steps.subList(0, 3).stream().filter(st -> st.accuracy() == bestCalibrated)
                .findFirst().orElseThrow();
        assertEquals(chosen.calibration(), o.calibration(), "the best-scoring calibration is kept");
        assertTrue(o.withinBound() == (o.int8Accuracy() >= 1.0), o.toString());
        for (AccuracyBound.Step st : steps.subList(3, steps.size())) {
            assertEquals(o.calibration(), st.calibration(), "layers are kept float under the chosen calibration");
        }
    }

    @Test
    void aReluSixWhoseBoundsAreConstantNodesIsFusedIntoItsConvolution() throws Exception {
        Path in = dir.resolve("relu6.onnx");
        OnnxModels.save(TorchLikeGraphs.relu6(13), in);
        OnnxQuantization.Result r = OnnxQuantization.quantize(in, dir.resolve("relu6-int8.onnx"),
                OnnxQuantization.Settings.defaults().withCalibrationSize(16), images(32, 3));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("2 Constant nodes initializers")), r.notes().toString());
        assertTrue(r.fusedNodes().contains("/relu6/Clip"), r.fusedNodes() + " / float: " + r.floatNodes());
        assertTrue(r.quantizedNodes().containsAll(List.of("/conv/Conv", "/fc/Gemm")), r.quantizedNodes().toString());
    }

    @Test
    void fixedBatchTorchGraphIsQuantizedOneSampleAtATimeAndAgreesWithFloat() throws Exception {
        ModelProto fp32 = TorchLikeGraphs.cnn(1, 17);
        Path in = dir.resolve("cnn.onnx");
        Path out = dir.resolve("cnn-int8.onnx");
        OnnxModels.save(fp32, in);
        OnnxQuantization.Result r = OnnxQuantization.quantize(in, out,
                OnnxQuantization.Settings.defaults().withCalibrationSize(20), images(50, 1));
        assertEquals("static", r.mode());
        assertEquals(1, r.calibrationBatch(), "the model takes batch 1 only");
        assertEquals(20, r.calibrationSamples());
        assertTrue(r.quantizedNodes().containsAll(List.of("/conv1/Conv", "/conv2/Conv", "/conv3/Conv", "/fc/Gemm",
                "/gate/Sigmoid", "/gate/Mul")), r.quantizedNodes().toString());
        assertTrue(r.fusedNodes().containsAll(List.of("/relu1/Relu", "/relu2/Relu")), r.fusedNodes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("2 shared weights behind Identity")), r.notes().toString());
        OnnxQuantization.FloatNode ln = r.floatNodes().stream()
                .filter(f -> f.name().equals("/ln/LayerNormalization")).findFirst().orElseThrow();
        assertTrue(ln.reason().startsWith("no int8 rule for LayerNormalization"), ln.reason());
        OnnxQuantization.FloatNode shape = r.floatNodes().stream().filter(f -> f.name().equals("/Concat"))
                .findFirst().orElseThrow();
        assertTrue(shape.reason().contains("integer tensors"), shape.reason());
        assertEquals("pytorch", r.source().producerName());
        assertEquals(Files.size(out), r.bytesAfter());
        assertTrue(r.bytesAfter() < r.bytesBefore(), r.bytesBefore() + " -> " + r.bytesAfter());
        assertTrue(OnnxModels.metadata(OnnxModels.load(out), StaticQuantizer.METADATA_KEY).isPresent());

        CalibrationSet test = images(40, 2);
        int agree = 0;
        double maxDiff = 0;
        try (OnnxSession f = OnnxSession.open(in, SessionSettings.threads(1));
             OnnxSession q = OnnxSession.open(out, SessionSettings.threads(1))) {
            for (int i = 0; i < test.count(); i++) {
                float[] a = f.runFirst(test.batch(i, i + 1), test.batchShape(1));
                float[] b = q.runFirst(test.batch(i, i + 1), test.batchShape(1));
                agree += argmax(a) == argmax(b) ? 1 : 0;
                for (int k = 0; k < a.length; k++) {
                    maxDiff = Math.max(maxDiff, Math.abs(a[k] - b[k]));
                }
            }
        }
        assertTrue(agree >= 34, "top-1 agreement " + agree + "/40, max |diff| " + maxDiff);
        assertTrue(maxDiff > 0, "the int8 model must actually differ");
    }

    @Test
    void externalDataIsReadAndTheOutputIsSelfContained() throws Exception {
        ModelProto fp32 = TorchLikeGraphs.cnn(-1, 13);
        GraphProto.Builder g = fp32.getGraph().toBuilder();
        Path data = dir.resolve("cnn.onnx.data");
        long offset = 0;
        try (OutputStream os = Files.newOutputStream(data)) {
            for (int i = 0; i < g.getInitializerCount(); i++) {
                TensorProto t = g.getInitializer(i);
                if (t.getDataType() != 1) {
                    continue;
                }
                byte[] raw = t.getRawData().toByteArray();
                os.write(raw);
                g.setInitializer(i, t.toBuilder().clearRawData().setDataLocation(TensorProto.DataLocation.EXTERNAL)
                        .addExternalData(entry("location", "cnn.onnx.data"))
                        .addExternalData(entry("offset", Long.toString(offset)))
                        .addExternalData(entry("length", Integer.toString(raw.length))));
                offset += raw.length;
            }
        }
        Path in = dir.resolve("cnn.onnx");
        OnnxModels.save(fp32.toBuilder().setGraph(g).build(), in);
        Path out = dir.resolve("q.onnx");
        OnnxQuantization.Result r = OnnxQuantization.quantize(in, out,
                OnnxQuantization.Settings.defaults().withCalibrationSize(64), null);
        assertEquals("random-normal", r.calibration());
        assertEquals(32, r.calibrationBatch(), "a free batch calibrates in batches");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("external data")), r.notes().toString());
        ModelProto q = OnnxModels.load(out);
        assertFalse(q.getGraph().getInitializerList().stream()
                .anyMatch(t -> t.getDataLocation() == TensorProto.DataLocation.EXTERNAL));
        Files.delete(data);
        try (OnnxSession s = OnnxSession.open(out, SessionSettings.threads(1))) {
            assertEquals(2 * 10, s.runFirst(images(2, 3).batch(0, 2), 2, 1, 8, 8).length);
        }
    }

    @Test
    void dynamicModeQuantizesTheGemmWithoutData() {
        OnnxQuantization.Result r = OnnxQuantization.quantize(TorchLikeGraphs.cnn(-1, 17), null,
                OnnxQuantization.Settings.defaults().withDynamic(true), null);
        assertEquals("dynamic", r.mode());
        assertEquals(List.of("/fc/Gemm"), r.quantizedNodes());
        assertTrue(r.floatNodes().stream().anyMatch(f -> f.name().equals("/conv1/Conv")
                && f.reason().equals("dynamic mode quantizes Gemm and MatMul only")));
    }

    @Test
    void keptFloatNodesAreListedWithTheirReason() {
        OnnxQuantization.Result r = OnnxQuantization.quantize(TorchLikeGraphs.cnn(-1, 17), null,
                OnnxQuantization.Settings.defaults().withCalibrationSize(32).withKeepFloat(Set.of("/fc/Gemm")),
                images(32, 4));
        assertFalse(r.quantizedNodes().contains("/fc/Gemm"));
        assertTrue(r.floatNodes().contains(new OnnxQuantization.FloatNode("/fc/Gemm", "Gemm", "kept float as asked")));
    }

    @Test
    void badInputsAreOneLineErrors() {
        ModelProto m = TorchLikeGraphs.cnn(-1, 17);
        CalibrationSet wrong = new CalibrationSet(new float[8 * 3 * 8 * 8], new long[] {3, 8, 8}, 8);
        var e = assertThrows(IllegalArgumentException.class, () -> OnnxQuantization.quantize(m, null,
                OnnxQuantization.Settings.defaults(), wrong));
        assertEquals("calibration samples are [3, 8, 8] but input 'x' is [N,1,8,8]", e.getMessage());
        ModelProto old = m.toBuilder().setOpsetImport(0, m.getOpsetImport(0).toBuilder().setVersion(9)).build();
        e = assertThrows(IllegalArgumentException.class, () -> OnnxQuantization.quantize(old, null,
                OnnxQuantization.Settings.defaults(), images(8, 1)));
        assertTrue(e.getMessage().startsWith("opset 9: int8 QDQ needs opset 10"), e.getMessage());
        ModelProto two = m.toBuilder().setGraph(m.getGraph().toBuilder()
                .addInput(TorchLikeGraphs.value("mask", 7, -1, 4))).build();
        e = assertThrows(IllegalArgumentException.class, () -> OnnxQuantization.quantize(two, null,
                OnnxQuantization.Settings.defaults(), images(8, 1)));
        assertTrue(e.getMessage().endsWith("use dynamic quantization (--dynamic)"), e.getMessage());
        ModelProto fixed = TorchLikeGraphs.cnn(4, 17);
        e = assertThrows(IllegalArgumentException.class, () -> OnnxQuantization.quantize(fixed, null,
                OnnxQuantization.Settings.defaults().withCalibrationSize(3), images(3, 1)));
        assertEquals("the model takes batches of 4 only, and calibration has 3 samples", e.getMessage());
    }

    private static StringStringEntryProto entry(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            best = v[i] > v[best] ? i : best;
        }
        return best;
    }
}
