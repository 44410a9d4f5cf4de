package org.greendl.meter;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.greendl.meter.carbon.IntensityChoice;
import org.greendl.meter.sink.CsvSink;
import org.greendl.meter.sink.JsonLinesSink;
import org.greendl.meter.sink.RunInfo;
import org.greendl.meter.sink.RunSnapshot;
import org.greendl.meter.sink.Sink;
import org.greendl.meter.sink.TaskRecord;
import org.greendl.meter.source.EnergySource;
import org.greendl.meter.source.JnaNvml;
import org.greendl.meter.source.NvmlSource;
import org.greendl.meter.source.ProcFs;
import org.greendl.meter.source.SourceSet;
import org.greendl.meter.source.Sources;
import org.greendl.meter.source.Tick;
import org.greendl.meter.unit.Emissions;
import org.greendl.meter.unit.Energy;

/**
 * A measuring session: picks the sources once, samples them on a daemon thread every interval, and answers
 * {@link #measure()} and {@link #task(String)} at any time from any thread. {@link #stop()} (or
 * {@link #close()}) takes a last sample and writes the final row. With an output directory, progress is written
 * after every sample and a shutdown hook writes the final row on SIGTERM/SIGINT.
 *
 * <pre>{@code
 * try (Tracker tracker = Tracker.start(TrackerConfig.builder().optCountry("FRA").build())) {
 *     runTheJob();
 *     Measurement m = tracker.stop();
 *     System.out.printf("%.6f kWh, %.3f gCO2eq%n", m.total().kwh(), m.emissions().grams());
 * }
 * }</pre>
 */
public final class Tracker implements AutoCloseable {
    /** Created on first use: initializing the platform logger costs tens of milliseconds at start. */
    private static final class Log {
        static final System.Logger LOG = System.getLogger(Tracker.class.getName());
    }

    /** The note said when a component's energy is estimated: component, then how and why. */
    public static final String ESTIMATE_NOTE = "%s energy is an estimate: %s";
    private static final java.util.Set<String> SAID = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Cumulative machine-attributed energies (joules) at one instant. */
    record Totals(long nanos, double cpu, double gpu, double ram) {}

    private final TrackerConfig config;
    private final SourceSet sources;
    private final IntensityChoice place;
    private final RunInfo info;
    private final List<Sink> sinks;
    private final List<String> notes;
    private final Path csvFile;
    private final Instant startInstant;
    private final long startNanos;
    private long pid; // process mode only: ProcessHandle's first use is slow
    private final ThreadLocal<Deque<Task>> openTasks = ThreadLocal.withInitial(ArrayDeque::new);
    private final ScheduledExecutorService sampler;
    private final Thread shutdownHook;

    // Sampling state, guarded by "this".
    private final ProcFs proc = ProcFs.system();
    private final long[] cpuNow = new long[2];
    private final long[] cpuPrev = new long[2];
    private final long[] mem = new long[2];
    private final long[] tree = new long[2];
    private long treePrevTicks;
    private long lastNanos;
    private double lastUtilization;
    private double cpuJ;
    private double gpuJ;
    private double ramJ;
    private double utilizationSeconds;
    private double memoryUsedBytes;
    private long memoryTotalBytes;
    private boolean procReadable = true;
    private final List<String> warnedSources = new ArrayList<>();
    private volatile Measurement finalMeasurement;
    private final Object sinkLock = new Object();
    private final Object stopLock = new Object();

    private Tracker(TrackerConfig config) {
        this.config = config;
        this.place = config.intensityChoice();
        this.sources = Sources.detect(new Sources.Options(
                config.powercapRoot() == null ? Sources.defaultPowercapRoot() : config.powercapRoot(),
                proc.root(), org.greendl.meter.source.SysfsReader.files(), config.preferPsys(), config.cpuTdp(),
                !config.gpu() ? null : config.nvml() != null ? config.nvml() : JnaNvml::load,
                System.getenv("CUDA_VISIBLE_DEVICES")));
        List<String> n = new ArrayList<>();
        if (sources.cpu().isEstimate()) {
            n.add(ESTIMATE_NOTE.formatted("CPU", sources.cpu().description().replaceFirst("^estimate: ", "")));
        }
        if (sources.ram().isEstimate()) {
            n.add(ESTIMATE_NOTE.formatted("RAM", sources.ram().description().replaceFirst("^estimate: ", "")));
        }
        this.startInstant = Instant.now();
        this.startNanos = System.nanoTime();
        this.lastNanos = startNanos;
        // The probes read the counters during detection, some milliseconds ago: read them again now and drop
        // that energy, so the energy window and the time window start together.
        Tick none = new Tick(Duration.ZERO, 0, 0);
        read(sources.cpu(), none);
        read(sources.ram(), none);
        if (sources.gpu() != null) {
            read(sources.gpu(), none);
        }
        readBaseline();
        this.info = runInfo();

        List<Sink> s = new ArrayList<>();
        Path csv = null;
        if (config.outputDir() != null) {
            try {
                CsvSink csvSink = CsvSink.open(config.outputDir(), info.runId());
                if (csvSink.note() != null) {
                    n.add(csvSink.note());
                }
                csv = csvSink.file();
                s.add(csvSink);
                s.add(new JsonLinesSink(config.outputDir()));
            } catch (IOException e) {
                sources.close();
                throw new IllegalArgumentException("cannot write to output directory " + config.outputDir() + ": "
                        + e.getMessage(), e);
            }
        }
        this.sinks = List.copyOf(s);
        this.csvFile = csv;
        this.notes = Collections.unmodifiableList(n);
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "greendl-tracker");
            t.setDaemon(true);
            return t;
        });
        // Said once, from the sampling thread: initializing java.util.logging would slow start by ~50 ms.
        // Once per JVM: a search that starts a hundred trackers should not repeat "estimate" a hundred times.
        sampler.execute(() -> notes.stream().filter(SAID::add).forEach(note -> Log.LOG.log(Level.INFO, note)));
        long period = config.interval().toNanos();
        sampler.scheduleAtFixedRate(this::periodicSample, period, period, TimeUnit.NANOSECONDS);
        if (config.shutdownHook() && !sinks.isEmpty()) {
            shutdownHook = new Thread(this::stopInterrupted, "greendl-tracker-shutdown");
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } else {
            shutdownHook = null;
        }
    }

    /** Starts tracking: detects the sources, takes the first reading and starts the sampling thread. */
    public static Tracker start(TrackerConfig config) {
        return new Tracker(config);
    }

    /** {@link #start(TrackerConfig)} with {@link TrackerConfig#defaults()}. */
    public static Tracker start() {
        return start(TrackerConfig.defaults());
    }

    private void readBaseline() {
        try {
            proc.machineCpu(cpuPrev);
            if (config.trackingMode() == TrackingMode.PROCESS) {
                pid = ProcessHandle.current().pid();
                proc.processTree(pid, tree);
                treePrevTicks = tree[0];
            }
        } catch (IOException e) {
            procReadable = false;
            Log.LOG.log(Level.WARNING, "cannot read " + proc.root() + " (" + e.getMessage()
                    + "): CPU utilization taken as 0, process share as 1");
        }
    }

    private RunInfo runInfo() {
        long ramTotal = 0;
        try {
            proc.memory(mem);
            ramTotal = mem[0];
        } catch (IOException e) {
            ramTotal = Runtime.getRuntime().maxMemory();
        }
        memoryTotalBytes = ramTotal;
        String gpuModel = "";
        int gpuCount = 0;
        if (sources.gpu() instanceof NvmlSource nvml) {
            gpuCount = nvml.deviceNames().size();
            gpuModel = String.join(", ", nvml.deviceNames());
        }
        return new RunInfo(randomRunId(), config.projectName(), "",
                System.getProperty("os.name") + "-" + System.getProperty("os.version") + "-" + System.getProperty("os.arch"),
                System.getProperty("java.version"), sources.cpuInfo().logicalCpus(), sources.cpuInfo().modelName(),
                gpuCount, gpuModel, ramTotal / (1024.0 * 1024 * 1024), config.trackingMode().label(), place,
                config.pue());
    }

    /** A version-4 UUID from a fast non-cryptographic generator (SecureRandom's first use costs ~50 ms). */
    private static String randomRunId() {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    /** Reads every source once and adds what was used since the previous reading. */
    private synchronized void sample() {
        if (finalMeasurement != null) {
            return;
        }
        long now = System.nanoTime();
        Duration elapsed = Duration.ofNanos(now - lastNanos);
        lastNanos = now;
        double utilization = lastUtilization;
        double share = 1.0;
        long memoryBytes = 0;
        if (procReadable) {
            try {
                proc.machineCpu(cpuNow);
                long busy = cpuNow[0] - cpuPrev[0];
                long all = cpuNow[1] - cpuPrev[1];
                if (all > 0) { // /proc/stat ticks at 100 Hz: a very short interval may see no tick at all
                    utilization = Math.max(0, Math.min(1, (double) busy / all));
                    cpuPrev[0] = cpuNow[0];
                    cpuPrev[1] = cpuNow[1];
                }
                if (config.trackingMode() == TrackingMode.PROCESS) {
                    proc.processTree(pid, tree);
                    long mine = tree[0] - treePrevTicks;
                    treePrevTicks = tree[0];
                    share = busy > 0 ? Math.max(0, Math.min(1, (double) mine / busy)) : 0;
                    memoryBytes = tree[1];
                } else {
                    proc.memory(mem);
                    memoryBytes = mem[0] - mem[1];
                }
            } catch (IOException e) {
                warnOnce("proc", "cannot read " + proc.root() + ": " + e.getMessage());
            }
        }
        lastUtilization = utilization;
        double seconds = elapsed.toNanos() / 1e9;
        utilizationSeconds += utilization * seconds;
        memoryUsedBytes += memoryBytes * seconds;
        Tick tick = new Tick(elapsed, utilization, memoryBytes);
        boolean process = config.trackingMode() == TrackingMode.PROCESS;
        cpuJ += read(sources.cpu(), tick) * (process ? share : 1.0);
        ramJ += read(sources.ram(), tick) * (process && !sources.ram().isEstimate() ? share : 1.0);
        if (sources.gpu() != null) {
            gpuJ += read(sources.gpu(), tick);
        }
    }

    private double read(EnergySource source, Tick tick) {
        try {
            return source.next(tick).joules();
        } catch (IOException | RuntimeException e) {
            warnOnce(source.component().label(), source.kind() + " " + source.component().label()
                    + " reading failed (counted as 0 for this sample): " + e.getMessage());
            return 0;
        }
    }

    private void warnOnce(String key, String message) {
        if (!warnedSources.contains(key)) {
            warnedSources.add(key);
            Log.LOG.log(Level.WARNING, message);
        }
    }

    private void periodicSample() {
        try {
            RunSnapshot snap;
            synchronized (this) {
                if (finalMeasurement != null) {
                    return;
                }
                sample();
                snap = snapshot("running");
            }
            writeProgress(snap);
        } catch (RuntimeException e) {
            Log.LOG.log(Level.WARNING, "greendl tracker sample failed: " + e);
        }
    }

    private void writeProgress(RunSnapshot snap) {
        synchronized (sinkLock) {
            if (finalMeasurement != null) {
                return; // stopped meanwhile: the final row is (being) written, a stale progress row must not follow
            }
            for (Sink s : sinks) {
                try {
                    s.progress(snap);
                } catch (IOException e) {
                    warnOnce("sink-" + s.getClass().getSimpleName(), "cannot write " + s.getClass().getSimpleName()
                            + ": " + e.getMessage());
                }
            }
        }
    }

    private synchronized Totals totalsNow() {
        sample();
        return new Totals(lastNanos, cpuJ, gpuJ, ramJ);
    }

    /** A measurement from energies in joules. */
    private Measurement measurement(Instant start, long nanos, double cpu, double gpu, double ram) {
        Energy c = Energy.ofJoules(cpu);
        Energy g = Energy.ofJoules(gpu);
        Energy r = Energy.ofJoules(ram);
        Emissions e = place.intensity().of(c.plus(g).plus(r).times(config.pue()));
        return new Measurement(start, Duration.ofNanos(nanos), c, g, r, sources.cpuKind(), sources.gpuKind(),
                sources.ramKind(), place.intensity(), place.countryIso(), e);
    }

    private synchronized RunSnapshot snapshot(String status) {
        Measurement m = measurement(startInstant, lastNanos - startNanos, cpuJ, gpuJ, ramJ);
        double seconds = Math.max(1e-9, (lastNanos - startNanos) / 1e9);
        double memUsed = memoryUsedBytes / seconds;
        return new RunSnapshot(info, m, 100.0 * utilizationSeconds / seconds,
                memoryTotalBytes > 0 ? 100.0 * memUsed / memoryTotalBytes : 0, memUsed / (1024.0 * 1024 * 1024), status);
    }

    /** The run so far (a fresh sample); the tracker keeps running. After stop, the final measurement. */
    public synchronized Measurement measure() {
        if (finalMeasurement != null) {
            return finalMeasurement;
        }
        sample();
        return measurement(startInstant, lastNanos - startNanos, cpuJ, gpuJ, ramJ);
    }

    synchronized Measurement measureSince(Instant start, Totals from) {
        Totals now = finalMeasurement != null ? new Totals(lastNanos, cpuJ, gpuJ, ramJ) : totalsNow();
        return measurement(start, now.nanos() - from.nanos(), now.cpu() - from.cpu(), now.gpu() - from.gpu(),
                now.ram() - from.ram());
    }

    /**
     * Opens a named task. Opened while another task of this tracker is open on the same thread, it nests
     * under that one.
     */
    public Task task(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("task name must not be empty");
        }
        Deque<Task> stack = openTasks.get();
        while (!stack.isEmpty() && stack.peek().isClosed()) {
            stack.pop(); // closed from another thread: no longer a parent here
        }
        Task parent = stack.peek();
        Task t = new Task(this, name, parent, Instant.now(), totalsNow());
        stack.push(t);
        return t;
    }

    void discardTask(Task task) {
        synchronized (task) {
            if (task.isClosed()) {
                return;
            }
            task.finish(measureSince(task.start(), task.startTotals()));
            openTasks.get().remove(task);
        }
    }

    void closeTask(Task task) {
        TaskRecord record;
        synchronized (task) {
            if (task.isClosed()) {
                return;
            }
            Measurement m = measureSince(task.start(), task.startTotals());
            task.finish(m);
            Deque<Task> stack = openTasks.get();
            stack.remove(task);
            if (task.parent() != null) {
                task.parent().addChild(m.total());
            }
            Task p = task.parent();
            record = new TaskRecord(info.runId(), task.name(), task.path(), p == null ? null : p.path(), m,
                    m.total().minus(task.childrenEnergy()));
        }
        synchronized (sinkLock) {
            for (Sink s : sinks) {
                try {
                    s.task(record);
                } catch (IOException e) {
                    warnOnce("task-" + s.getClass().getSimpleName(), "cannot write task line: " + e.getMessage());
                }
            }
        }
    }

    /** Stops sampling, takes the last reading, writes the final row and returns the run's measurement. Idempotent. */
    public Measurement stop() {
        return stop("completed");
    }

    /** Like {@link #stop()}, marking the row "interrupted" (used on SIGTERM/SIGINT). */
    public Measurement stopInterrupted() {
        return stop("interrupted");
    }

    private Measurement stop(String status) {
        // One lock over the whole stop, sink writes included: a second caller (the signal hook racing the
        // main thread) waits until the final row is on disk instead of returning early and letting the JVM exit.
        synchronized (stopLock) {
            RunSnapshot last;
            synchronized (this) {
                if (finalMeasurement != null) {
                    return finalMeasurement;
                }
                sampler.shutdownNow();
                sample();
                last = snapshot(status);
                finalMeasurement = last.measurement();
            }
            synchronized (sinkLock) {
                for (Sink s : sinks) {
                    try {
                        s.finish(last);
                    } catch (IOException | RuntimeException e) {
                        System.err.println("greendl: cannot write the final row: " + e.getMessage());
                    }
                }
            }
            sources.close();
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is already exiting; the hook will find the tracker stopped
                }
            }
            return finalMeasurement;
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    public TrackerConfig config() {
        return config;
    }

    /** The chosen sources and every probe made (why the others are unavailable). */
    public SourceSet sources() {
        return sources;
    }

    /** The intensity used and its origin. */
    public IntensityChoice intensity() {
        return place;
    }

    public String runId() {
        return info.runId();
    }

    /** The emissions file this run writes, or null without an output directory. */
    public Path csvFile() {
        return csvFile;
    }

    /** Things said once at start: estimates used and why, a diverted output file. */
    public List<String> notes() {
        return notes;
    }
}
