package org.greendl.meter.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NvmlSourceTest {
    private static final List<String> UUIDS = List.of("GPU-aaaa1111", "GPU-bbbb2222", "GPU-cccc3333");

    @Test
    void usesTheEnergyCounterWhereTheGpuHasOneAndSamplesPowerElsewhere() throws IOException {
        FakeNvml nvml = new FakeNvml(UUIDS, new boolean[] {true, false, true});
        nvml.powerMw[1] = 100_000; // 100 W at the first reading
        Probe probe = NvmlSource.probe(() -> nvml, null);
        assertTrue(probe.isAvailable(), probe.detail());
        assertTrue(probe.detail().contains("GPU 0 Fake GPU 0 (energy counter)"), probe.detail());
        assertTrue(probe.detail().contains("GPU 1 Fake GPU 1 (power sampling)"), probe.detail());
        nvml.energyMj[0] += 50_000; // 50 J
        nvml.energyMj[2] += 25_000; // 25 J
        nvml.powerMw[1] = 200_000;  // 100 W -> 200 W over 2 s: trapezoid 300 J
        assertEquals(375.0, probe.source().next(new Tick(Duration.ofSeconds(2), 0, 0)).joules(), 1e-9);
        probe.source().close();
        assertTrue(nvml.shutdown);
    }

    @Test
    void honoursCudaVisibleDevicesByIndexAndByUuid() throws IOException {
        FakeNvml nvml = new FakeNvml(UUIDS, new boolean[] {true, true, true});
        Probe byIndex = NvmlSource.probe(() -> nvml, "2");
        nvml.energyMj[0] += 1_000_000;
        nvml.energyMj[2] += 3_000;
        assertEquals(3.0, byIndex.source().next(new Tick(Duration.ofSeconds(1), 0, 0)).joules(), 1e-9);
        Probe byUuid = NvmlSource.probe(() -> nvml, "GPU-bbbb");
        assertTrue(byUuid.detail().contains("GPU 1") && !byUuid.detail().contains("GPU 0"), byUuid.detail());
    }

    @Test
    void noVisibleGpuIsUnavailableWithTheReason() {
        FakeNvml nvml = new FakeNvml(UUIDS, new boolean[] {true, true, true});
        Probe none = NvmlSource.probe(() -> nvml, "");
        assertFalse(none.isAvailable());
        assertTrue(none.detail().contains("CUDA_VISIBLE_DEVICES"), none.detail());
        assertTrue(nvml.shutdown);
    }

    @Test
    void noDriverIsUnavailableWithTheReason() {
        Probe probe = NvmlSource.probe(() -> {
            throw new UnsatisfiedLinkError("Unable to load library 'nvidia-ml'");
        }, null);
        assertFalse(probe.isAvailable());
        assertEquals("nvml", probe.kind());
        assertTrue(probe.detail().startsWith("no NVIDIA driver"), probe.detail());
        assertTrue(probe.detail().contains("nvidia-ml"), probe.detail());
    }

    @Test
    void initFailureIsUnavailableWithNvmlsText() {
        FakeNvml nvml = new FakeNvml(UUIDS, new boolean[] {true, true, true});
        nvml.initError = 18;
        Probe probe = NvmlSource.probe(() -> nvml, null);
        assertFalse(probe.isAvailable());
        assertTrue(probe.detail().contains("version mismatch"), probe.detail());
    }

    @Test
    void theRealBindingOnThisMachineEitherWorksOrSaysWhy() {
        Probe probe = NvmlSource.probe(JnaNvml::load, System.getenv("CUDA_VISIBLE_DEVICES"));
        if (probe.isAvailable()) {
            probe.source().close();
        } else {
            assertFalse(probe.detail().isBlank());
        }
    }
}
