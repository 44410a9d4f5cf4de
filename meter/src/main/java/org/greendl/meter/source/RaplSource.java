package org.greendl.meter.source;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.greendl.meter.unit.Energy;

/**
 * Energy from Intel/AMD RAPL counters in the Linux powercap tree ({@code $GREENDL_POWERCAP_ROOT}, default
 * /sys/class/powercap). CPU = the sum of every package zone {@code intel-rapl:N} (or the platform zone
 * {@code psys} alone, when present and chosen: it already includes the packages); RAM = the sum of the
 * {@code dram} sub-zones. The core and uncore sub-zones are parts of their package and are never added.
 * {@code intel-rapl-mmio:*} zones repeat a package through another interface and are used only for a zone
 * name the MSR tree lacks. Counters wrap at {@code max_energy_range_uj}; one wrap between two samples is
 * recovered (a package at 300 W takes about 15 minutes to wrap the usual 262 kJ range).
 */
public final class RaplSource implements EnergySource {
    private static final Pattern ZONE = Pattern.compile("intel-rapl(-mmio)?:\\d+(:\\d+)?");
    public static final String PERMISSION_FIX = "the kernel has made energy_uj readable by root only since 2020"
            + " (CVE-2020-8694); fix: run as root, or `sudo chmod a+r /sys/class/powercap/intel-rapl:*/energy_uj"
            + " /sys/class/powercap/intel-rapl:*:*/energy_uj` (again after each boot, or with a udev rule)";

    /** One counter: its files and the last raw value read. */
    static final class Zone {
        final Path dir;
        final String name;
        final long maxRangeUj;
        long lastUj;

        Zone(Path dir, String name, long maxRangeUj, long lastUj) {
            this.dir = dir;
            this.name = name;
            this.maxRangeUj = maxRangeUj;
            this.lastUj = lastUj;
        }
    }

    private final Component component;
    private final List<Zone> zones;
    private final SysfsReader reader;
    private final String description;

    private RaplSource(Component component, List<Zone> zones, SysfsReader reader, Path root) {
        this.component = component;
        this.zones = zones;
        this.reader = reader;
        List<String> names = new ArrayList<>();
        for (Zone z : zones) {
            names.add(z.dir.getFileName() + " (" + z.name + ")");
        }
        this.description = "rapl: " + String.join(" + ", names) + " under " + root;
    }

    /** The CPU source: packages (or psys when {@code preferPsys} and present), or why there is none. */
    public static Probe probeCpu(Path root, SysfsReader reader, boolean preferPsys) {
        Scan scan = scan(root, reader);
        if (scan.problem != null) {
            return Probe.unavailable(Component.CPU, "rapl", scan.problem);
        }
        List<Zone> chosen = new ArrayList<>();
        Zone psys = scan.top.get("psys");
        if (preferPsys && psys != null) {
            chosen.add(psys);
        } else {
            scan.top.forEach((name, z) -> {
                if (name.startsWith("package")) {
                    chosen.add(z);
                }
            });
        }
        if (chosen.isEmpty()) {
            return Probe.unavailable(Component.CPU, "rapl", "no package zone (name package-N) under " + root);
        }
        return Probe.available(new RaplSource(Component.CPU, chosen, reader, root));
    }

    /** The RAM source: the dram sub-zones, or why there is none. */
    public static Probe probeDram(Path root, SysfsReader reader, boolean preferPsys) {
        Scan scan = scan(root, reader);
        if (scan.problem != null) {
            return Probe.unavailable(Component.RAM, "rapl", scan.problem);
        }
        if (preferPsys && scan.top.containsKey("psys")) {
            return Probe.unavailable(Component.RAM, "rapl", "the chosen psys zone already includes DRAM");
        }
        if (scan.dram.isEmpty()) {
            return Probe.unavailable(Component.RAM, "rapl", "no dram zone under " + root + " (this CPU does not expose DRAM energy)");
        }
        return Probe.available(new RaplSource(Component.RAM, scan.dram, reader, root));
    }

    private record Scan(Map<String, Zone> top, List<Zone> dram, String problem) {}

    private static Scan scan(Path root, SysfsReader reader) {
        if (!Files.isDirectory(root)) {
            return new Scan(Map.of(), List.of(), "no " + root + " (no powercap driver: a virtual machine, a container"
                    + " without /sys, or a CPU without RAPL)");
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
            for (Path p : ds) {
                if (ZONE.matcher(p.getFileName().toString()).matches()) {
                    dirs.add(p);
                }
            }
        } catch (IOException e) {
            return new Scan(Map.of(), List.of(), "cannot list " + root + ": " + e.getMessage());
        }
        if (dirs.isEmpty()) {
            return new Scan(Map.of(), List.of(), "no " + root.resolve("intel-rapl:*") + " (virtual machine?)");
        }
        // MSR zones first, so that an mmio zone with the same name is recognised as a duplicate.
        dirs.sort((a, b) -> {
            boolean ma = a.getFileName().toString().contains("mmio");
            boolean mb = b.getFileName().toString().contains("mmio");
            return ma != mb ? (ma ? 1 : -1) : a.getFileName().toString().compareTo(b.getFileName().toString());
        });
        Map<String, Zone> top = new LinkedHashMap<>();
        List<Zone> dram = new ArrayList<>();
        Map<String, Boolean> dramByPackage = new LinkedHashMap<>();
        for (Path dir : dirs) {
            String file = dir.getFileName().toString();
            boolean sub = file.indexOf(':') != file.lastIndexOf(':');
            String name;
            try {
                name = reader.read(dir.resolve("name"));
            } catch (IOException e) {
                continue; // a zone without a readable name is not one we can place
            }
            if (sub && !name.equals("dram")) {
                continue; // core, uncore: already inside their package
            }
            // intel-rapl-mmio repeats a zone of intel-rapl: skip any zone whose place is already taken.
            String key = sub ? parentName(root, file.substring(0, file.lastIndexOf(':')), reader) : name;
            if (sub ? dramByPackage.containsKey(key) : top.containsKey(key)) {
                continue;
            }
            Zone zone;
            try {
                long max = Long.parseLong(reader.read(dir.resolve("max_energy_range_uj")));
                long now = Long.parseLong(reader.read(dir.resolve("energy_uj")));
                zone = new Zone(dir, name, max, now);
            } catch (AccessDeniedException e) {
                return new Scan(Map.of(), List.of(), "permission denied reading " + dir.resolve("energy_uj") + ": "
                        + PERMISSION_FIX);
            } catch (IOException | NumberFormatException e) {
                return new Scan(Map.of(), List.of(), "cannot read " + dir + " (" + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + ")");
            }
            if (sub) {
                dramByPackage.put(key, Boolean.TRUE);
                dram.add(zone);
            } else {
                top.put(key, zone);
            }
        }
        return new Scan(top, dram, null);
    }

    private static String parentName(Path root, String zoneFile, SysfsReader reader) {
        try {
            return reader.read(root.resolve(zoneFile).resolve("name"));
        } catch (IOException e) {
            return zoneFile;
        }
    }

    @Override
    public Component component() {
        return component;
    }

    @Override
    public String kind() {
        return "rapl";
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * The sum over zones of the counter increase since the last read, with wrap-around. All zones are read
     * before any is updated, so a failed read loses nothing: the next read covers the gap.
     */
    @Override
    public Energy next(Tick tick) throws IOException {
        long[] now = new long[zones.size()];
        for (int k = 0; k < now.length; k++) {
            Zone z = zones.get(k);
            try {
                now[k] = Long.parseLong(reader.read(z.dir.resolve("energy_uj")));
            } catch (NumberFormatException e) {
                throw new IOException("not a number in " + z.dir.resolve("energy_uj"), e);
            }
        }
        double microjoules = 0;
        for (int k = 0; k < now.length; k++) {
            Zone z = zones.get(k);
            microjoules += delta(z.lastUj, now[k], z.maxRangeUj);
            z.lastUj = now[k];
        }
        return Energy.ofJoules(microjoules / 1e6);
    }

    /** Counter increase from {@code before} to {@code now}, assuming at most one wrap at {@code maxRange}. */
    static long delta(long before, long now, long maxRange) {
        return now >= before ? now - before : (maxRange - before) + now;
    }
}
