package org.greendl.meter.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RaplSourceTest {
    private static final Tick TICK = new Tick(Duration.ofSeconds(1), 0.5, 0);
    @TempDir Path dir;

    @Test
    void sumsBothPackagesAndNeverTheSubZonesOrTheMmioDuplicate() throws IOException {
        FakePowercap pc = FakePowercap.twoSocketServer(dir);
        Probe probe = RaplSource.probeCpu(dir, SysfsReader.files(), false);
        assertTrue(probe.isAvailable(), probe.detail());
        EnergySource cpu = probe.source();
        assertEquals("rapl", cpu.kind());
        pc.set("intel-rapl:0", 1_000_000 + 30_000_000);   // +30 J
        pc.set("intel-rapl:1", 2_000_000 + 20_000_000);   // +20 J
        pc.set("intel-rapl:0:0", 500_000 + 25_000_000);   // core: part of package-0, must not be added
        pc.set("intel-rapl-mmio:0", 1_000_000 + 30_000_000); // same package through MMIO: must not be added
        assertEquals(50.0, cpu.next(TICK).joules(), 1e-9);
        assertTrue(cpu.description().contains("intel-rapl:0 (package-0)"), cpu.description());
        assertFalse(cpu.description().contains("mmio"), cpu.description());
    }

    @Test
    void dramSubZonesAreTheRamSource() throws IOException {
        FakePowercap pc = FakePowercap.twoSocketServer(dir);
        Probe probe = RaplSource.probeDram(dir, SysfsReader.files(), false);
        assertTrue(probe.isAvailable(), probe.detail());
        pc.set("intel-rapl:0:2", 200_000 + 4_000_000);
        pc.set("intel-rapl:1:1", 300_000 + 1_000_000);
        assertEquals(5.0, probe.source().next(TICK).joules(), 1e-9);
    }

    @Test
    void recoversOneWrapAroundThroughMaxEnergyRange() throws IOException {
        long max = 100_000_000; // 100 J range
        FakePowercap pc = new FakePowercap(dir).zone("intel-rapl:0", "package-0", 95_000_000, max);
        EnergySource cpu = RaplSource.probeCpu(dir, SysfsReader.files(), false).source();
        pc.set("intel-rapl:0", 3_000_000); // wrapped: 5 J to the top, then 3 J
        assertEquals(8.0, cpu.next(TICK).joules(), 1e-9);
        pc.set("intel-rapl:0", 10_000_000);
        assertEquals(7.0, cpu.next(TICK).joules(), 1e-9);
    }

    @Test
    void psysAloneWhenPreferredAndPresent() throws IOException {
        FakePowercap pc = FakePowercap.twoSocketServer(dir).zone("intel-rapl:2", "psys", 0);
        EnergySource cpu = RaplSource.probeCpu(dir, SysfsReader.files(), true).source();
        pc.set("intel-rapl:0", 99_000_000);
        pc.set("intel-rapl:2", 60_000_000);
        assertEquals(60.0, cpu.next(TICK).joules(), 1e-9);
        Probe dram = RaplSource.probeDram(dir, SysfsReader.files(), true);
        assertFalse(dram.isAvailable(), "psys already includes DRAM");
        // Not preferred: packages, psys ignored.
        EnergySource packages = RaplSource.probeCpu(dir, SysfsReader.files(), false).source();
        pc.set("intel-rapl:0", 100_000_000);
        pc.set("intel-rapl:2", 90_000_000);
        assertEquals(1.0, packages.next(TICK).joules(), 1e-9);
    }

    @Test
    void permissionDeniedIsReportedWithTheFix() {
        FakePowercap.twoSocketServer(dir);
        // Tests run as root, which reads any file: simulate the kernel's root-only energy_uj with the reader.
        SysfsReader denying = file -> {
            if (file.getFileName().toString().equals("energy_uj")) {
                throw new AccessDeniedException(file.toString());
            }
            return SysfsReader.files().read(file);
        };
        Probe probe = RaplSource.probeCpu(dir, denying, false);
        assertFalse(probe.isAvailable());
        assertTrue(probe.detail().startsWith("permission denied reading " + dir.resolve("intel-rapl:0").resolve("energy_uj")),
                probe.detail());
        assertTrue(probe.detail().contains("chmod"), probe.detail());
        assertTrue(probe.detail().contains("since 2020"), probe.detail());
    }

    @Test
    void anUnreadableCounterFileIsUnavailableWithItsPath() throws IOException {
        new FakePowercap(dir).zone("intel-rapl:0", "package-0", 1);
        Path energy = dir.resolve("intel-rapl:0").resolve("energy_uj");
        Files.delete(energy);
        Files.createDirectory(energy); // unreadable even for root: it is a directory
        Probe probe = RaplSource.probeCpu(dir, SysfsReader.files(), false);
        assertFalse(probe.isAvailable());
        assertTrue(probe.detail().contains("intel-rapl:0"), probe.detail());
    }

    @Test
    void aFailedReadLosesNoEnergy() throws IOException {
        FakePowercap pc = FakePowercap.twoSocketServer(dir);
        boolean[] fail = {false};
        SysfsReader flaky = file -> {
            if (fail[0] && file.toString().contains("intel-rapl:1")) {
                throw new IOException("flaky");
            }
            return SysfsReader.files().read(file);
        };
        EnergySource cpu = RaplSource.probeCpu(dir, flaky, false).source();
        pc.set("intel-rapl:0", 1_000_000 + 10_000_000);
        fail[0] = true;
        assertThrows(IOException.class, () -> cpu.next(TICK));
        fail[0] = false;
        assertEquals(10.0, cpu.next(TICK).joules(), 1e-9, "package-0's 10 J counted once the read works again");
    }

    @Test
    void noTreeOrNoZonesSaysWhy() throws IOException {
        Probe missing = RaplSource.probeCpu(dir.resolve("absent"), SysfsReader.files(), false);
        assertFalse(missing.isAvailable());
        assertTrue(missing.detail().contains("absent"), missing.detail());
        Probe empty = RaplSource.probeCpu(dir, SysfsReader.files(), false);
        assertFalse(empty.isAvailable());
        assertTrue(empty.detail().contains("intel-rapl:*"), empty.detail());
    }

    private static final EnergySource TEN_WATTS = new CpuEstimateSource(org.greendl.meter.unit.Power.ofWatts(10), "test");

    @Test
    void aCounterGoingBackWithoutAPlausibleWrapIsEstimatedAndLabelledSo() throws IOException {
        FakePowercap pc = new FakePowercap(dir).zone("intel-rapl:0", "package-0", 200_000_000_000L);
        EnergySource cpu = ((RaplSource) RaplSource.probeCpu(dir, SysfsReader.files(), false).source())
                .estimateWith(TEN_WATTS);
        // 1 J lower: a wrap would mean 262 kJ in 1 s (262 kW), so it is a reset, not a wrap.
        pc.set("intel-rapl:0", 199_999_000_000L);
        Tick busy = new Tick(Duration.ofSeconds(1), 1.0, 0);
        assertEquals(10.0, cpu.next(busy).joules(), 1e-9, "the estimate's 10 W x 1 s, not 262 kJ");
        assertEquals(RaplSource.KIND_WITH_ESTIMATE, cpu.kind());
        pc.set("intel-rapl:0", 199_999_000_000L + 30_000_000);
        assertEquals(30.0, cpu.next(busy).joules(), 1e-9, "measured again from the new value");
        assertEquals(RaplSource.KIND_WITH_ESTIMATE, cpu.kind(), "the run's figure stays partly estimated");
    }

    @Test
    void aZeroOrMissingMaxRangeNeverGivesNegativeEnergy() throws IOException {
        FakePowercap pc = new FakePowercap(dir).zone("intel-rapl:0", "package-0", 5_000_000, 0)
                .zone("intel-rapl:1", "package-1", 5_000_000);
        Files.delete(dir.resolve("intel-rapl:1").resolve("max_energy_range_uj"));
        Probe probe = RaplSource.probeCpu(dir, SysfsReader.files(), false);
        assertTrue(probe.isAvailable(), "a missing range still lets the counter be read forwards: " + probe.detail());
        EnergySource cpu = ((RaplSource) probe.source()).estimateWith(TEN_WATTS);
        pc.set("intel-rapl:0", 6_000_000);
        pc.set("intel-rapl:1", 7_000_000);
        assertEquals(3.0, cpu.next(TICK).joules(), 1e-9);
        assertEquals("rapl", cpu.kind());
        pc.set("intel-rapl:0", 1_000_000);
        double j = cpu.next(TICK).joules();
        assertTrue(j >= 0, "never negative: " + j);
        assertEquals(5.0, j, 1e-9, "10 W x 50% x 1 s from the estimate");
        assertEquals(RaplSource.KIND_WITH_ESTIMATE, cpu.kind());
    }

    @Test
    void aJumpNearTwoToTheSixtyThirdIsNotRecordedAsRapl() throws IOException {
        FakePowercap pc = new FakePowercap(dir).zone("intel-rapl:0", "package-0", 1_000_000);
        EnergySource cpu = ((RaplSource) RaplSource.probeCpu(dir, SysfsReader.files(), false).source())
                .estimateWith(TEN_WATTS);
        pc.set("intel-rapl:0", Long.MAX_VALUE - 5);
        double j = cpu.next(TICK).joules();
        assertEquals(5.0, j, 1e-9, "estimated, not 9.2e12 J");
        assertEquals(RaplSource.KIND_WITH_ESTIMATE, cpu.kind());
        pc.set("intel-rapl:0", -5);
        assertTrue(cpu.next(TICK).joules() >= 0);
    }

    @Test
    void aPlausibleButLargeStepIsStillMeasured() throws IOException {
        FakePowercap pc = new FakePowercap(dir).zone("intel-rapl:0", "package-0", 1_000_000);
        EnergySource cpu = ((RaplSource) RaplSource.probeCpu(dir, SysfsReader.files(), false).source())
                .estimateWith(TEN_WATTS);
        pc.set("intel-rapl:0", 1_000_000 + 900_000_000L); // 900 J in 1 s: a big package under load
        assertEquals(900.0, cpu.next(TICK).joules(), 1e-9);
        assertEquals("rapl", cpu.kind());
    }

    @Test
    void detectionGivesTheRaplSourcesTheirEstimates() throws IOException {
        FakePowercap pc = FakePowercap.twoSocketServer(dir);
        SourceSet set = Sources.detect(new Sources.Options(dir, dir.resolve("noproc"), SysfsReader.files(), false,
                org.greendl.meter.unit.Power.ofWatts(100), null, null));
        pc.set("intel-rapl:0", 0); // package-0 went back by 1 J: not a wrap
        double j = set.cpu().next(new Tick(Duration.ofSeconds(1), 1.0, 0)).joules();
        assertEquals(100.0, j, 1e-9, "the --cpu-tdp estimate, 100 W x 1 s");
        assertEquals(RaplSource.KIND_WITH_ESTIMATE, set.cpuKind());
    }

    @Test
    void aFifoOrADeviceInTheTreeIsRefusedWithoutBlockingOrFillingTheHeap() throws Exception {
        new FakePowercap(dir).zone("intel-rapl:0", "package-0", 1_000_000);
        Path energy = dir.resolve("intel-rapl:0").resolve("energy_uj");
        Files.delete(energy);
        new ProcessBuilder("mkfifo", energy.toString()).inheritIO().start().waitFor();
        assertTrue(Files.exists(energy));
        Probe probe = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> RaplSource.probeCpu(dir, SysfsReader.files(), false));
        assertFalse(probe.isAvailable());
        assertTrue(probe.detail().contains("not a regular file"), probe.detail());
        Files.delete(energy);
        Files.createSymbolicLink(energy, Path.of("/dev/zero"));
        Probe zero = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> RaplSource.probeCpu(dir, SysfsReader.files(), false));
        assertFalse(zero.isAvailable());
        Files.delete(energy);
        Files.writeString(energy, "1".repeat(10_000));
        IOException big = assertThrows(IOException.class, () -> SysfsReader.files().read(energy));
        assertTrue(big.getMessage().contains("longer than"), big.getMessage());
    }

    @Test
    void deltaHandlesWrap() {
        assertEquals(5, RaplSource.delta(10, 15, 100));
        assertEquals(15, RaplSource.delta(90, 5, 100));
    }
}
