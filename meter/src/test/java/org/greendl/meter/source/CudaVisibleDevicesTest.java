package org.greendl.meter.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CudaVisibleDevicesTest {
    private static final List<String> UUIDS = List.of("GPU-aaaa", "GPU-bbbb", "GPU-cccc", "GPU-dddd");

    @Test
    void followsTheCudaRuntimesRules() {
        assertEquals(List.of(0, 1, 2, 3), CudaVisibleDevices.select(null, UUIDS));
        assertEquals(List.of(), CudaVisibleDevices.select("", UUIDS));
        assertEquals(List.of(2, 0), CudaVisibleDevices.select("2,0", UUIDS));
        assertEquals(List.of(1), CudaVisibleDevices.select("1,7,2", UUIDS), "the list ends at an invalid entry");
        assertEquals(List.of(), CudaVisibleDevices.select("-1", UUIDS));
        assertEquals(List.of(3, 1), CudaVisibleDevices.select("GPU-dd, bbbb", UUIDS));
        assertEquals(List.of(1), CudaVisibleDevices.select("1,99999999999", UUIDS), "an index beyond int ends the list");
    }
}
