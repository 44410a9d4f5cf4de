package org.greendl.meter.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Builds a fake /sys/class/powercap tree: zones as directories with name, energy_uj, max_energy_range_uj. */
public final class FakePowercap {
    public static final long MAX_RANGE_UJ = 262_143_328_850L;
    private final Path root;

    public FakePowercap(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public FakePowercap zone(String dir, String name, long energyUj) {
        return zone(dir, name, energyUj, MAX_RANGE_UJ);
    }

    public FakePowercap zone(String dir, String name, long energyUj, long maxRangeUj) {
        try {
            Path z = Files.createDirectories(root.resolve(dir));
            Files.writeString(z.resolve("name"), name + "\n");
            Files.writeString(z.resolve("max_energy_range_uj"), maxRangeUj + "\n");
            set(dir, energyUj);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sets a zone's counter atomically (a reader never sees a half-written number). */
    public void set(String dir, long energyUj) {
        try {
            Path z = root.resolve(dir);
            Path tmp = Files.createTempFile(z, "e", ".tmp");
            Files.writeString(tmp, energyUj + "\n");
            Files.move(tmp, z.resolve("energy_uj"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A typical two-socket Intel server: packages with core/uncore/dram sub-zones and an mmio duplicate. */
    public static FakePowercap twoSocketServer(Path root) {
        return new FakePowercap(root)
                .zone("intel-rapl:0", "package-0", 1_000_000)
                .zone("intel-rapl:0:0", "core", 500_000)
                .zone("intel-rapl:0:1", "uncore", 100_000)
                .zone("intel-rapl:0:2", "dram", 200_000)
                .zone("intel-rapl:1", "package-1", 2_000_000)
                .zone("intel-rapl:1:0", "core", 700_000)
                .zone("intel-rapl:1:1", "dram", 300_000)
                .zone("intel-rapl-mmio:0", "package-0", 1_000_000);
    }
}
