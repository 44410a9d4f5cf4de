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

    @Test
    void deltaHandlesWrap() {
        assertEquals(5, RaplSource.delta(10, 15, 100));
        assertEquals(15, RaplSource.delta(90, 5, 100));
    }
}
