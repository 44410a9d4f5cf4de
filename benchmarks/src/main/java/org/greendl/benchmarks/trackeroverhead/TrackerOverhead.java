package org.greendl.benchmarks.trackeroverhead;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.greendl.meter.Tracker;
import org.greendl.meter.TrackerConfig;

/**
 * The tracker's cost to the work it measures. Modes:
 * <ul>
 *   <li>{@code pairs N WORK}: one JVM, a CPU-bound single-thread loop run as segments A (no tracker) and B
 *       (tracker sampling every 1 s, writing emissions.csv each sample), interleaved A B A B after two warm-up
 *       segments; prints each segment's wall time, heap peak, and the per-pair ratio B/A.</li>
 *   <li>{@code start}: a fresh JVM's first {@code Tracker.start} (which takes the first reading), then 20 warm
 *       ones; wall and CPU time of the calling thread.</li>
 *   <li>{@code heap SECONDS}: heap after GC before the tracker, peak heap while it samples every 1 s for SECONDS
 *       (run with -XX:-UseTLAB so that "used" counts bytes allocated, not buffers reserved per thread), and the
 *       sampling thread's CPU time per second of wall time.</li>
 * </ul>
 */
public final class TrackerOverhead {
    private static volatile long sink;
    // The tracker's one-time "estimate" notes would interleave with the figures.
    private static final java.util.logging.Logger METER_LOG = java.util.logging.Logger.getLogger("org.greendl.meter");

    public static void main(String[] args) throws Exception {
        METER_LOG.setLevel(java.util.logging.Level.WARNING);
        if (args[0].equals("start")) {
            start();
        } else if (args[0].equals("heap")) {
            heap(Integer.parseInt(args[1]));
        } else {
            pairs(Integer.parseInt(args[1]), Long.parseLong(args[2]));
        }
    }

    private static void start() throws Exception {
        Path out = Files.createTempDirectory("greendl-overhead");
        TrackerConfig config = TrackerConfig.builder().optOutputDir(out).optCountry("FRA").build();
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        Tracker first = Tracker.start(config);
        double cold = (System.nanoTime() - t0) / 1e6;
        double coldCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        first.stop();
        double[] warm = new double[20];
        for (int i = 0; i < warm.length; i++) {
            long t = System.nanoTime();
            Tracker tr = Tracker.start(config);
            warm[i] = (System.nanoTime() - t) / 1e6;
            tr.stop();
        }
        Arrays.sort(warm);
        System.out.printf(Locale.ROOT, "Tracker.start ms: cold wall %.1f (cpu %.1f), warm median wall %.2f%n", cold, coldCpu,
                warm[warm.length / 2]);
    }

    private static void heap(int seconds) throws Exception {
        Path out = Files.createTempDirectory("greendl-overhead");
        TrackerConfig config = TrackerConfig.builder().optOutputDir(out).optCountry("FRA")
                .optInterval(Duration.ofSeconds(1)).build();
        Tracker.start(config).stop(); // classes and tables loaded
        System.gc();
        long before = heapUsed();
        resetPeaks();
        Tracker tracker = Tracker.start(config);
        int warm = Math.min(10, seconds / 2);
        Thread.sleep(warm * 1000L);
        long samplerWarmup = samplerCpuNanos();
        Thread.sleep((seconds - warm) * 1000L);
        long peak = peakSinceReset();
        long sampler = samplerCpuNanos();
        System.gc();
        long retained = heapUsed() - before;
        tracker.stop();
        System.out.printf(Locale.ROOT, "heap: %.2f MB before; tracker sampling %d s: peak +%.2f MB, retained after GC %+.3f MB%n",
                before / 1048576.0, seconds, (peak - before) / 1048576.0, retained / 1048576.0);
        System.out.printf(Locale.ROOT, "sampling thread CPU per second of wall time: first %d s (cold, JIT) %.3f ms,"
                + " then %.3f ms (%.3f %% of one core)%n", warm, samplerWarmup / 1e6 / warm,
                (sampler - samplerWarmup) / 1e6 / (seconds - warm), (sampler - samplerWarmup) / 1e7 / (seconds - warm));
    }

    private static long samplerCpuNanos() {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("greendl-tracker")) {
                total += Math.max(0, mx.getThreadCpuTime(t.getId()));
            }
        }
        return total;
    }

    /** A fixed amount of integer work that allocates nothing. */
    private static double work(long iterations) {
        long t = System.nanoTime();
        long x = 88172645463325252L;
        for (long i = 0; i < iterations; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        sink = x;
        return (System.nanoTime() - t) / 1e9;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                pools.add(p);
            }
        }
        return pools;
    }

    private static long heapUsed() {
        return heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    }

    private static long peakSinceReset() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** CPU time of the whole JVM (worker, sampling thread, GC, JIT): what the tracker adds, whatever the neighbours do. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void pairs(int n, long iterations) throws Exception {
        Path out = Files.createTempDirectory("greendl-overhead");
        TrackerConfig config = TrackerConfig.builder().optOutputDir(out).optCountry("FRA")
                .optInterval(Duration.ofSeconds(1)).build();
        work(iterations);
        Tracker.start(config).stop(); // warm-up of both paths
        work(iterations);
        double[] wallRatio = new double[n];
        double[] cpuRatio = new double[n];
        double[] wallA = new double[n];
        double[] wallB = new double[n];
        for (int i = 0; i < n; i++) {
            long c0 = processCpuNanos();
            wallA[i] = work(iterations);
            long c1 = processCpuNanos();
            Tracker tracker = Tracker.start(config);
            long c2 = processCpuNanos();
            wallB[i] = work(iterations);
            long c3 = processCpuNanos();
            tracker.stop();
            double cpuA = (c1 - c0) / 1e9;
            double cpuB = (c3 - c2) / 1e9;
            wallRatio[i] = wallB[i] / wallA[i];
            cpuRatio[i] = cpuB / cpuA;
            System.out.printf(Locale.ROOT, "pair %2d: wall A %.3f s B %.3f s B/A %.4f | process CPU A %.3f s B %.3f s B/A %.4f%n",
                    i + 1, wallA[i], wallB[i], wallRatio[i], cpuA, cpuB, cpuRatio[i]);
        }
        System.out.printf(Locale.ROOT, "median wall A %.3f s, B %.3f s; median of pair ratios B/A: wall %.4f, process CPU %.4f%n",
                median(wallA), median(wallB), median(wallRatio), median(cpuRatio));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
