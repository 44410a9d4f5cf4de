package org.greendl.deploy.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.util.List;
import java.util.Map;
import org.greendl.deploy.int8.CalibrationSet;
import org.greendl.deploy.int8.QuantizationConfig;
import org.greendl.deploy.int8.StaticQuantizer;
import org.greendl.deploy.onnx.ExportOptions;
import org.greendl.deploy.onnx.OnnxExporter;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.profile.LayerProfile;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;
import org.junit.jupiter.api.Test;

/** greendl's zoo exported to ONNX counts as the DJL profiler counts the same block. */
class OnnxProfilerTest {

    record Counts(String model, long djlParams, long djlMacs, long djlFlops, long onnxParams, long onnxMacs,
            long onnxFlops) {}

    static Counts compare(String name, Map<String, String> options, Shape input) {
        Block block = ModelZoo.build(name, options);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, input);
            Profile djl = Profiler.profile(block, input);
            ModelProto onnx = OnnxExporter.create().export(block, input, ExportOptions.named(name));
            Profile p = OnnxProfiler.profile(onnx, Map.of());
            assertEquals(List.of(), p.uncounted().stream().map(LayerProfile::name).toList(), name + ": " + p.warnings());
            assertEquals(List.of(), p.warnings(), name);
            Counts c = new Counts(name + (options.isEmpty() ? "" : " " + options), djl.total().params(),
                    djl.total().macs(), djl.total().flops(), p.total().params(), p.total().macs(), p.total().flops());
            System.out.println("[onnx-profile] " + c);
            assertEquals(djl.total().params(), p.total().params(), name + " params");
            assertEquals(djl.total().macs(), p.total().macs(), name + " MACs");
            assertEquals(djl.total().bufferBytes(), p.total().bufferBytes(), name + " buffer bytes");
            assertEquals(djl.total().weightBytes(), p.total().weightBytes(), name + " weight bytes");
            assertEquals(new Shape(input.getShape()), p.input());
            return c;
        }
    }

    @Test
    void zooExportsCountAsTheDjlProfile() {
        Shape mnist = new Shape(1, 1, 28, 28);
        for (String name : List.of("mlp", "lenet5", "cnn", "mobilenet-mini")) {
            Counts c = compare(name, Map.of(), mnist);
            assertEquals(c.djlFlops(), c.onnxFlops(), name + " FLOPs");
        }
        Counts vit = compare("vit-tiny", Map.of(), mnist);
        assertEquals(vit.djlFlops(), vit.onnxFlops(), "vit-tiny FLOPs");
        compare("vit-tiny", Map.of("attention", "linear"), mnist);
    }

    /** text-transformer's two-input export (input_ids, attention_mask bound to 1 x L) counts as DJL does. */
    @Test
    void textTransformerExportsCountAsTheDjlProfile() {
        for (String variant : List.of("", "attention=linear", "pool=cls", "factorized=16", "sharing=albert,layers=3")) {
            Map<String, String> options = new java.util.HashMap<>();
            for (String kv : variant.isEmpty() ? new String[0] : variant.split(",")) {
                options.put(kv.split("=")[0], kv.split("=")[1]);
            }
            for (int length : new int[] {32, 128}) {
                Shape input = new Shape(1, length);
                Block block = ModelZoo.build("text-transformer", options,
                        org.greendl.nn.zoo.InputSpec.tokens(length, 500, 4));
                try (NDManager m = NDManager.newBaseManager()) {
                    block.initialize(m, DataType.FLOAT32, input);
                    Profile djl = Profiler.profile(block, input);
                    ModelProto onnx = OnnxExporter.create().exportTokens(block, length, ExportOptions.named("text"));
                    Map<String, long[]> shapes = InputBindings.bind(onnx, Map.of("input_ids", new long[] {1, length},
                            "attention_mask", new long[] {1, length}));
                    Profile p = OnnxProfiler.profile(onnx, shapes);
                    String what = "text-transformer " + variant + " at " + length + " tokens";
                    System.out.println("[onnx-profile] " + what + ": DJL " + djl.total().params() + " params, "
                            + djl.total().macs() + " MACs; ONNX " + p.total().params() + ", " + p.total().macs());
                    assertEquals(List.of(), p.uncounted().stream().map(LayerProfile::name).toList(), what);
                    assertEquals(djl.total().params(), p.total().params(), what + " params");
                    assertEquals(djl.total().macs(), p.total().macs(), what + " MACs");
                }
            }
        }
    }

    @Test
    void torchvisionSizedZooModelsCountTheirPublishedFigures() {
        Shape imagenet = new Shape(1, 3, 224, 224);
        Counts resnet = compare("resnet18", Map.of(), imagenet);
        assertEquals(11_689_512, resnet.onnxParams(), "torchvision's resnet18");
        assertEquals(1_814_073_344L, resnet.onnxMacs());
        Counts mobilenet = compare("mobilenet_v2", Map.of(), imagenet);
        assertEquals(3_504_872, mobilenet.onnxParams(), "torchvision's mobilenet_v2");
        assertEquals(300_774_272L, mobilenet.onnxMacs());
    }

    @Test
    void anInt8ExportCountsItsInt8WeightsOnceAndTheSameMacs() {
        Shape input = new Shape(1, 1, 28, 28);
        Block block = ModelZoo.build("cnn");
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, input);
            ModelProto fp32 = OnnxExporter.create().export(block, input, ExportOptions.named("cnn"));
            float[] images = m.randomNormal(new Shape(64, 1, 28, 28)).toFloatArray();
            ModelProto int8 = StaticQuantizer.quantize(fp32, new CalibrationSet(images, new long[] {1, 28, 28}, 64),
                    QuantizationConfig.defaults().withCalibrationSize(64).withKernelLayout(false)).model();
            Profile f = OnnxProfiler.profile(fp32, Map.of());
            Profile q = OnnxProfiler.profile(int8, Map.of());
            assertEquals(List.of(), q.warnings());
            assertEquals(f.total().macs(), q.total().macs());
            long batchNorm = 2 * (32 + 32 + 64 + 64); // gamma and beta, folded into the convolutions
            assertEquals(f.total().params() - batchNorm, q.total().params(), "weights behind DequantizeLinear, once");
            assertTrue(q.total().weightBytesByType().get("int8") > 800_000, q.total().weightBytesByType().toString());
            assertTrue(q.layers().stream().filter(l -> l.type().equals("DequantizeLinear") && l.name().contains("weight"))
                    .allMatch(l -> l.activationBytes() == 0), "dequantized weights are folded, not activations");
        }
    }
}
