package org.greendl.nn.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.List;
import java.util.Map;
import org.greendl.profile.LayerProfile;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every layer of every 28x28 zoo model is counted (the 224x224 ones: TorchvisionCostTest). */
class ZooProfileTest {

    static List<String> smallModels() {
        return ModelZoo.names().stream().filter(n -> ModelZoo.defaultInputSpec(n).isImage() && ModelZoo.defaultInput(n).get(2) == 28).toList();
    }

    @ParameterizedTest
    @MethodSource("smallModels")
    void everyLayerIsCountedAndEveryParameterAttributed(String name) {
        for (Map<String, String> options : name.equals("vit-tiny")
                ? List.of(Map.of("attention", "softmax"), Map.of("attention", "linear")) : List.of(Map.<String, String>of())) {
            Block block = ModelZoo.build(name, options);
            Shape in = ModelZoo.defaultInput(name);
            try (NDManager m = NDManager.newBaseManager()) {
                block.initialize(m, DataType.FLOAT32, in);
                Profile p = Profiler.profile(block, in);
                assertTrue(p.uncounted().isEmpty(), name + options + ": " + p.warnings());
                assertTrue(p.warnings().isEmpty(), p.warnings().toString());
                long learnable = 0;
                for (Parameter param : block.getParameters().values()) {
                    boolean buffer = param.getType() == Parameter.Type.RUNNING_MEAN
                            || param.getType() == Parameter.Type.RUNNING_VAR;
                    learnable += buffer ? 0 : param.getArray().size();
                }
                assertEquals(learnable, p.total().params(), name + options);
                assertEquals(learnable, p.layers().stream().mapToLong(LayerProfile::params).sum());
                assertTrue(p.total().macs() > 0 && p.total().flops() > 2 * p.total().macs(), name);
                assertEquals(new Shape(1, 10), p.layers().get(p.layers().size() - 1).outputShape(), name);
            }
        }
    }
}
