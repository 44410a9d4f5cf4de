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
 *
 * <p>Readings are sanity-checked, since firmware and virtual machines do produce nonsense: a counter that goes
 * backwards when no wrap is plausible (no range, or the wrap would mean more than {@value #MAX_WATTS_PER_ZONE} W),
 * a negative value or one above the range, or a forward jump implying more than {@value #MAX_WATTS_PER_ZONE} W
 * (a counter reset to near 2^63). Such an interval is taken from the estimate instead (see
 * {@link #estimateWith(EnergySource)}), said once with the reason, and from then on the source's kind is
 * {@value #KIND_WITH_ESTIMATE}: the figure is partly a model and is never presented as a pure measurement.
 */
public final class RaplSource implements EnergySource {
    /** Far above any real zone (the biggest server packages draw about 500 W): beyond it a delta is not energy. */
    public static final double MAX_WATTS_PER_ZONE = 5000;
    /** The kind once any interval had to be estimated. */
    public static final String KIND_WITH_ESTIMATE = "rapl+estimate";
    private static final java.util.Set<String> SAID = java.util.concurrent.ConcurrentHashMap.newKeySet();
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
    private EnergySource estimate;
    private long lastReadNanos = System.nanoTime();
    private volatile boolean estimated;

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
                long max = maxRange(dir, reader);
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

    /**
     * The zone's wrap range, or 0 when the file is missing, unreadable or not a positive number: the counter is
     * still usable forwards, but a step backwards can then not be told from a reset and is estimated.
     */
    private static long maxRange(Path dir, SysfsReader reader) throws AccessDeniedException {
        try {
            long max = Long.parseLong(reader.read(dir.resolve("max_energy_range_uj")));
            return Math.max(0, max);
        } catch (AccessDeniedException e) {
            throw e;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
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
        return estimated ? KIND_WITH_ESTIMATE : "rapl";
    }

    /**
     * The source an implausible interval is taken from (the CPU or RAM estimate). Without one such an interval
     * counts 0 J, still labelled {@value #KIND_WITH_ESTIMATE}.
     */
    public RaplSource estimateWith(EnergySource fallback) {
        this.estimate = fallback;
        return this;
    }

    @Override
    public String description() {
        return description;
    }

    /**
     * The sum over zones of the counter increase since the last read, with wrap-around. All zones are read
     * before any is updated, so a failed read loses nothing: the next read covers the gap. When any zone's
     * step is implausible the whole interval comes from the estimate, and every zone restarts from its new value.
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
        long nanos = System.nanoTime();
        // The tick's interval, or the time since the last read when longer: the tracker's first read passes a zero tick.
        double seconds = Math.max(tick.elapsed().toNanos(), nanos - lastReadNanos) / 1e9;
        lastReadNanos = nanos;
        double microjoules = 0;
        String problem = null;
        for (int k = 0; k < now.length && problem == null; k++) {
            Zone z = zones.get(k);
            long d = delta(z.lastUj, now[k], z.maxRangeUj);
            problem = implausible(z, now[k], d, seconds);
            microjoules += d;
        }
        for (int k = 0; k < now.length; k++) {
            zones.get(k).lastUj = now[k];
        }
        if (problem == null) {
            return Energy.ofJoules(microjoules / 1e6);
        }
        estimated = true;
        if (SAID.add(description + problem.replaceAll("[0-9.]+", ""))) {
            System.getLogger(RaplSource.class.getName()).log(System.Logger.Level.WARNING, problem
                    + ": this interval is estimated instead (" + (estimate == null ? "counted as 0 J" : estimate.kind())
                    + "), the energy source is labelled " + KIND_WITH_ESTIMATE);
        }
        return estimate == null ? Energy.ofJoules(0) : estimate.next(tick);
    }

    /** Why a zone's step is not energy, or null when it is plausible. */
    private static String implausible(Zone z, long now, long delta, double seconds) {
        String where = "RAPL counter " + z.dir + " (" + z.name + ")";
        if (now < 0 || z.lastUj < 0) {
            return where + " read a negative value " + Math.min(now, z.lastUj) + " uJ";
        }
        if (z.maxRangeUj > 0 && now > z.maxRangeUj) {
            return where + " read " + now + " uJ, above its max_energy_range_uj " + z.maxRangeUj;
        }
        if (delta < 0) {
            return where + " went back from " + z.lastUj + " to " + now + " uJ and has no max_energy_range_uj to wrap at";
        }
        // At least a second: reads moments apart (a measure() right after a sample) would make any real step look
        // like kilowatts, while the failures this guards against are hundreds of kJ or more.
        double window = Math.max(seconds, 1.0);
        double watts = delta / 1e6 / window;
        if (watts > MAX_WATTS_PER_ZONE) {
            return where + (now < z.lastUj ? " went back from " + z.lastUj + " to " + now + " uJ; a wrap at "
                    + z.maxRangeUj + " uJ would mean " : " jumped from " + z.lastUj + " to " + now + " uJ, ")
                    + String.format(java.util.Locale.ROOT, "%.3g W over %.3g s", watts, window)
                    + " (more than " + (long) MAX_WATTS_PER_ZONE + " W per zone is not plausible)";
        }
        return null;
    }

    /**
     * Counter increase from {@code before} to {@code now}, assuming at most one wrap at {@code maxRange};
     * negative when the counter went back with no range to wrap at (0).
     */
    static long delta(long before, long now, long maxRange) {
        if (now >= before) {
            return now - before;
        }
        return maxRange > 0 ? (maxRange - before) + now : -1;
    }
}
