package org.greendl.nn.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The 224x224 zoo models against torchvision's definitions. Parameters from torchvision's model tables;
 * MACs (conv + linear multiply-accumulates at 1x3x224x224) for ResNet-18/50 and MobileNetV2 from the
 * team's reference table (shared/reference/README.md, published figures).
 */
class TorchvisionCostTest {

    @ParameterizedTest
    @CsvSource({
        "resnet18, 11689512, 1814073344",
        "resnet50, 25557032, 4089184256",
        "mobilenet_v2, 3504872, 300774272",
        "resnet34, 21797672, -1",
        "vgg16, 138357544, -1"})
    void matchesTorchvision(String name, long params, long macs) {
        Profile p = Profiler.profile(ModelZoo.build(name), ModelZoo.defaultInput(name));
        assertEquals(params, p.total().params(), name + " parameters");
        if (macs > 0) {
            double error = Math.abs(p.total().macs() - macs) / (double) macs;
            assertTrue(error < 0.01, name + " MACs " + p.total().macs() + " vs " + macs);
        }
        assertTrue(p.uncounted().isEmpty(), name + " has uncounted layers: " + p.warnings());
        assertTrue(p.total().flops() > 2 * p.total().macs(), "FLOPs include element-wise work");
    }
}
