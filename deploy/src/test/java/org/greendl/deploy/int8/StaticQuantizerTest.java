package org.greendl.deploy.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.ndarray.NDList;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.greendl.deploy.onnx.ExportOptions;
import org.greendl.deploy.onnx.OnnxExporter;
import org.greendl.deploy.runtime.OnnxSession;
import org.greendl.deploy.runtime.OptimizedGraph;
import org.greendl.deploy.runtime.SessionSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StaticQuantizerTest {
    static ModelProto fp32;
    static CalibrationSet calibration;

    /** The zoo's cnn layout (FashionModels.cnn), narrower, trained a few steps so that activations are not random. */
    static SequentialBlock cnn() {
        return new SequentialBlock()
                .add(conv(16)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(16)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(conv(32)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(conv(32)).add(BatchNorm.builder().build()).add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                .add(Dropout.builder().optRate(0.3f).build())
                .add(Linear.builder().setUnits(10).build());
    }

    static Conv2d conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(filters).optPadding(new Shape(1, 1)).build();
    }

    @BeforeAll
    static void exportModel() {
        SequentialBlock block = cnn();
        Random r = new Random(3);
        float[] images = new float[256 * 28 * 28];
        // Smooth blob images: closer to real inputs than white noise.
        for (int i = 0; i < 256; i++) {
            double cx = 8 + r.nextInt(12);
            double cy = 8 + r.nextInt(12);
            double rad = 3 + r.nextInt(6);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    double d = Math.hypot(x - cx, y - cy);
                    images[i * 784 + y * 28 + x] = (float) (d < rad ? 1.5 : -0.5) + (float) (0.1 * r.nextGaussian());
                }
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.engine.Engine.getInstance().setRandomSeed(11);
            block.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            // A few training-mode passes set realistic batch-norm running statistics.
            for (int i = 0; i < 4; i++) {
                block.forward(new ParameterStore(m, false),
                        new NDList(m.create(java.util.Arrays.copyOfRange(images, i * 64 * 784, (i + 1) * 64 * 784),
                                new Shape(64, 1, 28, 28))), true);
            }
            fp32 = OnnxExporter.create().export(block, new Shape(1, 1, 28, 28), ExportOptions.named("cnn"));
        }
        calibration = new CalibrationSet(images, new long[] {1, 28, 28}, 256);
    }

    @Test
    void fusesIntoOrtInt8KernelsAndKeepsPredictions() {
        StaticQuantizer.Result result = StaticQuantizer.quantize(fp32, calibration, QuantizationConfig.defaults());
        Map<String, Integer> ops = OptimizedGraph.opCounts(result.model().toByteArray(), 1);
        assertTrue(ops.getOrDefault("QLinearConv", 0) + ops.getOrDefault("com.microsoft:QLinearConv", 0) == 4,
                "optimized graph: " + ops);
        assertEquals(2, ops.getOrDefault("com.microsoft:QGemm", 0), "optimized graph: " + ops);
        assertFalse(ops.containsKey("Conv") || ops.containsKey("com.microsoft:FusedConv") || ops.containsKey("Gemm")
                || ops.containsKey("com.microsoft:FusedGemm"), "float compute left: " + ops);
        assertEquals(4, result.foldedBatchNorms());
        double agreement = agreement(fp32, result.model());
        assertTrue(agreement >= 0.95, "top-1 agreement with fp32 = " + agreement);
        assertTrue(result.model().getSerializedSize() < 0.35 * fp32.getSerializedSize(),
                result.model().getSerializedSize() + " vs " + fp32.getSerializedSize());
    }

    @Test
    void kernelLayoutRewritesRemoveTransposesAndKeepOutputs() {
        StaticQuantizer.Result plain = StaticQuantizer.quantize(fp32, calibration,
                QuantizationConfig.defaults().withKernelLayout(false));
        StaticQuantizer.Result rewritten = StaticQuantizer.quantize(fp32, calibration, QuantizationConfig.defaults());
        assertTrue(plain.layoutRewrites().isEmpty(), plain.layoutRewrites().toString());
        assertEquals(2, rewritten.layoutRewrites().size(), rewritten.layoutRewrites().toString());
        assertTrue(rewritten.layoutRewrites().stream().anyMatch(r -> r.startsWith("space-to-depth:")));
        assertTrue(rewritten.layoutRewrites().stream().anyMatch(r -> r.startsWith("flatten-channels-last:")));
        Map<String, Integer> before = OptimizedGraph.opCounts(plain.model().toByteArray(), 1);
        Map<String, Integer> after = OptimizedGraph.opCounts(rewritten.model().toByteArray(), 1);
        assertEquals(2, before.getOrDefault("Transpose", 0), "plain QDQ graph: " + before);
        assertFalse(after.containsKey("Transpose"), "rewritten graph: " + after);
        assertEquals(4, after.getOrDefault("com.microsoft:QLinearConv", 0), "rewritten graph: " + after);
        assertEquals(2, after.getOrDefault("com.microsoft:QGemm", 0), "rewritten graph: " + after);
        // Same integer sums in another order: the logits agree to float rounding of the final dequantization.
        int n = calibration.count();
        try (OnnxSession a = OnnxSession.open(plain.model().toByteArray(), SessionSettings.threads(1));
             OnnxSession b = OnnxSession.open(rewritten.model().toByteArray(), SessionSettings.threads(1))) {
            float[] la = a.runFirst(calibration.data(), calibration.batchShape(n));
            float[] lb = b.runFirst(calibration.data(), calibration.batchShape(n));
            double maxDiff = 0;
            for (int i = 0; i < la.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(la[i] - lb[i]));
            }
            assertTrue(maxDiff <= 1e-5, "max |logit difference| = " + maxDiff);
        }
    }

    @Test
    void percentileAndEntropyCalibrationAgreeWithFloat() {
        Range minMaxInput = StaticQuantizer.quantize(fp32, calibration, QuantizationConfig.defaults()
                .withCalibrationSize(128)).ranges().get(fp32.getGraph().getInput(0).getName());
        for (CalibrationMethod method : new CalibrationMethod[] {CalibrationMethod.PERCENTILE, CalibrationMethod.ENTROPY}) {
            StaticQuantizer.Result result = StaticQuantizer.quantize(fp32, calibration,
                    QuantizationConfig.defaults().withMethod(method).withCalibrationSize(128));
            double agreement = agreement(fp32, result.model());
            assertTrue(agreement >= 0.9, method + ": top-1 agreement with fp32 = " + agreement);
            // The graph input is never clipped: its range is the min-max range of the calibration images.
            String input = fp32.getGraph().getInput(0).getName();
            assertEquals(minMaxInput, result.ranges().get(input), method + " input range");
        }
    }

    @Test
    void layersCanStayFloatByName() {
        String lastGemm = fp32.getGraph().getNodeList().stream().filter(n -> n.getOpType().equals("Gemm"))
                .reduce((a, b) -> b).orElseThrow().getName();
        StaticQuantizer.Result result = StaticQuantizer.quantize(fp32, calibration,
                QuantizationConfig.defaults().withKeepFloat(Set.of(lastGemm)));
        assertTrue(result.floatNodes().contains(lastGemm));
        Map<String, Integer> ops = OptimizedGraph.opCounts(result.model().toByteArray(), 1);
        assertEquals(1, ops.getOrDefault("com.microsoft:QGemm", 0), "optimized graph: " + ops);
    }

    @Test
    void sensitivityKeepsTheMostHarmedLayerFloatWhenAgreementIsShort() {
        // A zero tolerance forces the search; at most one layer may go back to float.
        SensitivityFallback.Outcome o = SensitivityFallback.quantize(fp32, calibration,
                QuantizationConfig.defaults().withCalibrationSize(64), 0.0, 1);
        if (o.fullyQuantizedAgreement() == 1.0) {
            assertTrue(o.keptFloat().isEmpty());
            return;
        }
        assertEquals(6, o.sensitivity().size(), "one entry per Conv/Gemm: " + o.sensitivity());
        assertEquals(1, o.keptFloat().size());
        String most = o.sensitivity().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals(most, o.keptFloat().get(0));
        assertTrue(o.result().floatNodes().contains(most));
        assertTrue(o.agreement() >= o.fullyQuantizedAgreement() + o.sensitivity().get(most) - 1e-9);
    }

    @Test
    void calibrationSmallerThanOneBatchIsRejected() {
        CalibrationSet tiny = new CalibrationSet(new float[10 * 784], new long[] {1, 28, 28}, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StaticQuantizer.quantize(fp32, tiny, QuantizationConfig.defaults()));
        assertEquals("calibration set has 10 images, fewer than one batch of 64", e.getMessage());
    }

    static double agreement(ModelProto a, ModelProto b) {
        int n = calibration.count();
        try (OnnxSession sa = OnnxSession.open(a.toByteArray(), SessionSettings.threads(1));
             OnnxSession sb = OnnxSession.open(b.toByteArray(), SessionSettings.threads(1))) {
            float[] la = sa.runFirst(calibration.data(), calibration.batchShape(n));
            float[] lb = sb.runFirst(calibration.data(), calibration.batchShape(n));
            int same = 0;
            for (int i = 0; i < n; i++) {
                same += argmax(la, i) == argmax(lb, i) ? 1 : 0;
            }
            return same / (double) n;
        }
    }

    static int argmax(float[] logits, int row) {
        int best = 0;
        for (int c = 1; c < 10; c++) {
            if (logits[row * 10 + c] > logits[row * 10 + best]) {
                best = c;
            }
        }
        return best;
    }
}
