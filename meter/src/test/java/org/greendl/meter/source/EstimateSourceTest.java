package org.greendl.meter.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.greendl.meter.unit.Power;
import org.junit.jupiter.api.Test;

class EstimateSourceTest {
    private static final String GOLD = "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz\n"
            + "physical id\t: 0\nflags\t\t: fpu sse2\n\nprocessor\t: 1\nmodel name\t: Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz\n"
            + "physical id\t: 1\nflags\t\t: fpu sse2\n";
    private static final String VM = "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Processor\nflags\t: fpu hypervisor\n\n"
            + "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) Processor\nflags\t: fpu hypervisor\n";

    @Test
    void knownModelUsesTdpTimesSocketsTimesUtilization() {
        CpuInfo info = CpuInfo.parse(GOLD);
        assertEquals(2, info.sockets());
        CpuEstimateSource cpu = CpuEstimateSource.forMachine(info, CpuTdpTable.bundled(), null, "no RAPL here");
        assertEquals(410.0, cpu.power().watts(), 1e-9);
        assertEquals(410.0 * 0.25 * 2, cpu.next(new Tick(Duration.ofSeconds(2), 0.25, 0)).joules(), 1e-9);
        assertEquals("estimate", cpu.kind());
        assertTrue(cpu.description().startsWith("estimate: TDP 205 W of"), cpu.description());
        assertTrue(cpu.description().endsWith("no RAPL here"), cpu.description());
    }

    @Test
    void unknownModelUsesThePerCpuDefaultAndSaysSo() {
        CpuInfo info = CpuInfo.parse(VM);
        assertTrue(info.virtualMachine());
        CpuEstimateSource cpu = CpuEstimateSource.forMachine(info, CpuTdpTable.bundled(), null, "no powercap");
        assertEquals(2 * CpuEstimateSource.DEFAULT_WATTS_PER_LOGICAL_CPU, cpu.power().watts(), 1e-9);
        assertTrue(cpu.description().contains("not in greendl's TDP table"), cpu.description());
        assertEquals(0.0, cpu.next(new Tick(Duration.ofSeconds(5), 0.0, 0)).joules(), "idle costs nothing");
    }

    @Test
    void userTdpWins() {
        CpuEstimateSource cpu = CpuEstimateSource.forMachine(CpuInfo.parse(GOLD), CpuTdpTable.bundled(),
                Power.ofWatts(65), "x");
        assertEquals(65.0, cpu.next(new Tick(Duration.ofSeconds(1), 1.0, 0)).joules(), 1e-9);
        assertTrue(cpu.description().contains("given by the user"));
    }

    @Test
    void ramModelIsPerGbInUse() {
        RamEstimateSource ram = new RamEstimateSource("no dram zone");
        long eightGb = 8L * 1024 * 1024 * 1024;
        assertEquals(3.0 * 10, ram.next(new Tick(Duration.ofSeconds(10), 0, eightGb)).joules(), 1e-9);
        assertTrue(ram.description().contains("0.375 W per GB"));
        assertEquals("estimate", ram.kind());
    }
}
