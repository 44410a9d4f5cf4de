package org.greendl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HostEnergyTest {
    @Test
    void twoTasksAtOnceOnOneHostCountItsMachineOnce() {
        double x = 0.004;
        HostEnergy.Result r = HostEnergy.of(List.of(
                new HostEnergy.Task("a", "h1", 1000, 11_000, null, x, null),
                new HostEnergy.Task("b", "h1", 1000, 11_000, null, x, null)));
        assertEquals(Map.of("h1", x), r.perHostKwh());
        assertEquals(x, r.totalKwh(), 1e-15, "X, not 2X");
        assertEquals(x / 2, r.perTaskKwh().get("a"), 1e-15);
        assertEquals(x / 2, r.perTaskKwh().get("b"), 1e-15);
    }

    @Test
    void overlappingTasksShareOnlyTheTimeTheyOverlap() {
        // 1 kWh per second of machine power each read; they overlap for 5 of their 10 seconds.
        HostEnergy.Result r = HostEnergy.of(List.of(
                new HostEnergy.Task("a", "h", 0, 10_000, null, 10.0, null),
                new HostEnergy.Task("b", "h", 5_000, 15_000, null, 10.0, null)));
        assertEquals(15.0, r.totalKwh(), 1e-12, "15 seconds of the machine");
        assertEquals(7.5, r.perTaskKwh().get("a"), 1e-12);
        assertEquals(7.5, r.perTaskKwh().get("b"), 1e-12);
    }

    @Test
    void cpuTimeSharesTheMachineWhenEveryTaskHasIt() {
        HostEnergy.Result r = HostEnergy.of(List.of(
                new HostEnergy.Task("a", "h", 0, 10_000, null, 8.0, 3.0),
                new HostEnergy.Task("b", "h", 0, 10_000, null, 8.0, 1.0)));
        assertEquals(8.0, r.totalKwh(), 1e-12);
        assertEquals(6.0, r.perTaskKwh().get("a"), 1e-12);
        assertEquals(2.0, r.perTaskKwh().get("b"), 1e-12);
    }

    @Test
    void processReadingsAndSeparateHostsAdd() {
        HostEnergy.Result r = HostEnergy.of(List.of(
                new HostEnergy.Task("a", "h1", 0, 10_000, 1.0, null, null),
                new HostEnergy.Task("b", "h1", 0, 10_000, 2.0, null, null),
                new HostEnergy.Task("c", "h2", 0, 10_000, null, 4.0, null)));
        assertEquals(3.0, r.perHostKwh().get("h1"), 1e-12, "process shares are each task's own");
        assertEquals(4.0, r.perHostKwh().get("h2"), 1e-12);
        assertEquals(7.0, r.totalKwh(), 1e-12);
        assertEquals(List.of("h1", "h2"), List.copyOf(r.perHostKwh().keySet()));
    }

    @Test
    void aTaskWithoutAReadingIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HostEnergy.Task("a", "h", 0, 1, null, null, null));
    }
}
