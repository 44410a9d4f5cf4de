package org.greendl.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.greendl.meter.sink.CsvSink;
import org.greendl.meter.sink.JsonLinesSink;
import org.greendl.meter.source.FakeNvml;
import org.greendl.meter.source.FakePowercap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackerTest {
    private static final Duration NEVER = Duration.ofHours(1); // no background samples: the test decides when
    @TempDir Path dir;
    private FakePowercap rapl;
    private FakeNvml gpu;
    private long pkg0 = 1_000_000;
    private long dram0 = 200_000;

    @BeforeEach
    void setUp() throws IOException {
        rapl = FakePowercap.twoSocketServer(Files.createDirectories(dir.resolve("powercap")));
        gpu = new FakeNvml(List.of("GPU-1"), new boolean[] {true});
    }

    private TrackerConfig.Builder config() {
        return TrackerConfig.builder().optPowercapRoot(rapl.root()).optNvml(() -> gpu).optInterval(NEVER)
                .optCountry("FRA");
    }

    private void burn(double cpuJoules, double dramJoules, double gpuJoules) {
        pkg0 += (long) (cpuJoules * 1e6);
        dram0 += (long) (dramJoules * 1e6);
        rapl.set("intel-rapl:0", pkg0);
        rapl.set("intel-rapl:0:2", dram0);
        gpu.energyMj[0] += (long) (gpuJoules * 1e3);
    }

    @Test
    void aCounterResetIsNeverRecordedAsAGiantRaplFigure() {
        try (Tracker t = Tracker.start(config().optCpuTdp(org.greendl.meter.unit.Power.ofWatts(100)).build())) {
            burn(50, 0, 0);
            assertEquals("rapl", t.measure().cpuSource());
            pkg0 = Long.MAX_VALUE - 10; // a jump near 2^63
            rapl.set("intel-rapl:0", pkg0);
            Measurement m = t.measure();
            assertTrue(m.cpu().joules() >= 50 && m.cpu().joules() < 1000, "estimated, not 9e12 J: " + m.cpu().joules());
            assertEquals("rapl+estimate", m.cpuSource());
            pkg0 = 1_000; // back down, no plausible wrap
            rapl.set("intel-rapl:0", pkg0);
            Measurement after = t.measure();
            assertTrue(after.cpu().joules() >= m.cpu().joules() && after.cpu().joules() < 1000,
                    "never negative, never giant: " + after.cpu().joules());
            assertEquals("rapl+estimate", t.stop().cpuSource());
        }
    }

    @Test
    void measuredSourcesAddUpWithPueInTheEmissions() {
        try (Tracker t = Tracker.start(config().optPue(1.5).build())) {
            burn(50, 5, 10);
            Measurement m = t.measure();
            assertEquals(50.0, m.cpu().joules(), 1e-6);
            assertEquals(5.0, m.ram().joules(), 1e-6);
            assertEquals(10.0, m.gpu().joules(), 1e-6);
            assertEquals(65.0, m.total().joules(), 1e-6);
            assertEquals("rapl", m.cpuSource());
            assertEquals("nvml", m.gpuSource());
            assertEquals("rapl", m.ramSource());
            assertEquals("FRA", m.countryIso());
            assertEquals(56.039 * 65 * 1.5 / 3.6e6, m.emissions().grams(), 1e-12);
            burn(1, 0, 0);
            assertEquals(51.0, t.measure().cpu().joules(), 1e-6, "cumulative, the tracker keeps running");
        }
    }

    @Test
    void tasksNestWithoutDoubleCounting() throws IOException {
        Measurement total;
        Task outer;
        Task inner;
        try (Tracker t = Tracker.start(config().optOutputDir(dir.resolve("out")).build())) {
            burn(7, 0, 0);
            outer = t.task("train");
            burn(10, 0, 0);
            try (Task in = t.task("epoch-1")) {
                inner = in;
                burn(20, 0, 0);
            }
            burn(5, 0, 0);
            outer.close();
            outer.close(); // idempotent
            total = t.stop();
        }
        assertEquals(20.0, inner.measurement().cpu().joules(), 1e-6);
        assertEquals(35.0, outer.measurement().cpu().joules(), 1e-6);
        assertEquals(42.0, total.cpu().joules(), 1e-6, "the run's total is not the sum of its tasks");
        assertEquals("train/epoch-1", inner.path());
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(JsonLinesSink.FILE_NAME));
        assertEquals(2, lines.size());
        assertTrue(lines.get(0).contains("\"path\":\"train/epoch-1\"") && lines.get(0).contains("\"parent\":\"train\""),
                lines.get(0));
        assertEquals(20.0 / 3.6e6, number(lines.get(0), "self_kwh"), 1e-12);
        assertEquals(35.0 / 3.6e6, number(lines.get(1), "total_kwh"), 1e-12);
        assertEquals(15.0 / 3.6e6, number(lines.get(1), "self_kwh"), 1e-12, "outer's own work, without epoch-1");
    }

    private static double number(String json, String key) {
        int at = json.indexOf("\"" + key + "\":") + key.length() + 3;
        int end = json.indexOf(',', at);
        return Double.parseDouble(json.substring(at, end < 0 ? json.indexOf('}', at) : end));
    }

    @Test
    void aDiscardedTaskWritesNothingAndCountsForNoParent() throws IOException {
        Task outer;
        try (Tracker t = Tracker.start(config().optOutputDir(dir.resolve("out")).build())) {
            outer = t.task("train");
            Task spare = t.task("epoch-2");
            burn(4, 0, 0);
            spare.discard();
            spare.close(); // already ended: no line
            assertTrue(spare.isClosed());
            try (Task next = t.task("eval")) {
                assertEquals("train/eval", next.path(), "no longer a parent");
            }
            outer.close();
        }
        List<String> lines = Files.readAllLines(dir.resolve("out").resolve(JsonLinesSink.FILE_NAME));
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"path\":\"train/eval\""), lines.get(0));
        assertEquals(4.0 / 3.6e6, number(lines.get(1), "self_kwh"), 1e-12, "the discarded span stays the parent's own");
    }

    @Test
    void aTaskClosedOnAnotherThreadIsNoLongerAParent() throws Exception {
        try (Tracker t = Tracker.start(config().build())) {
            Task epoch = t.task("epoch-1");
            Thread closer = new Thread(epoch::close);
            closer.start();
            closer.join();
            try (Task next = t.task("epoch-2")) {
                assertEquals("epoch-2", next.path());
            }
        }
    }

    @Test
    void samplingThreadWritesProgressThenTheFinalRow() throws Exception {
        Path out = dir.resolve("out");
        try (Tracker t = Tracker.start(config().optInterval(Duration.ofMillis(50)).optOutputDir(out).build())) {
            Path csv = out.resolve(CsvSink.FILE_NAME);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.exists(csv) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.readString(csv).contains(",running,"), "progress row written by the sampling thread");
            burn(3, 0, 0);
            t.stop();
            List<String> rows = Files.readAllLines(csv);
            assertEquals(2, rows.size());
            assertTrue(rows.get(1).contains(",completed,"), rows.get(1));
            assertTrue(rows.get(1).contains(",rapl,nvml,rapl,"), rows.get(1));
        }
    }

    @Test
    void stopIsIdempotentAndFreezesTheMeasurement() {
        Tracker t = Tracker.start(config().build());
        burn(4, 0, 0);
        Measurement first = t.stop();
        burn(100, 0, 0);
        assertSame(first, t.stop());
        assertSame(first, t.measure());
        t.close();
        assertEquals(4.0, first.cpu().joules(), 1e-6);
    }

    @Test
    void concurrentCallersNeitherLoseNorDoubleCountEnergy() throws Exception {
        AtomicLong counter = new AtomicLong(pkg0);
        try (Tracker t = Tracker.start(config().optInterval(Duration.ofMillis(10)).build())) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> futures = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                final int id = k;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        if (id == 0) {
                            rapl.set("intel-rapl:0", counter.addAndGet(1_000_000)); // +1 J
                        } else if (id % 2 == 0) {
                            try (Task task = t.task("w" + id)) {
                                task.measurement();
                            }
                        } else {
                            t.measure();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertEquals(100.0, t.stop().cpu().joules(), 1e-6);
        }
    }

    @Test
    void withoutCountersTheEstimateIsUsedAndLabelled() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-powercap"));
        try (Tracker t = Tracker.start(TrackerConfig.builder().optPowercapRoot(empty).optGpu(false)
                .optInterval(NEVER).build())) {
            Measurement m = t.stop();
            assertEquals("estimate", m.cpuSource());
            assertEquals("estimate", m.ramSource());
            assertEquals("none", m.gpuSource());
            assertTrue(m.hasEstimates());
            assertTrue(t.sources().cpu().description().contains("intel-rapl:*"), t.sources().cpu().description());
            assertTrue(t.notes().get(0).startsWith("CPU energy is an estimate: "), t.notes().get(0));
            assertEquals("", m.countryIso(), "no place set: world default");
        }
    }

    @Test
    void processModeChargesAShareOfTheCpuAndAllOfTheGpu() {
        try (Tracker t = Tracker.start(config().optTrackingMode(TrackingMode.PROCESS).build())) {
            long end = System.nanoTime() + 300_000_000L;
            double x = 0;
            while (System.nanoTime() < end) {
                x += Math.sqrt(x + 1); // give this JVM some CPU time to be charged for
            }
            burn(100, 0, 10);
            Measurement m = t.stop();
            assertTrue(x > 0);
            assertTrue(m.cpu().joules() >= 0 && m.cpu().joules() <= 100.0 + 1e-6, "a share: " + m.cpu());
            assertEquals(10.0, m.gpu().joules(), 1e-6);
        }
    }

    @Test
    void badSettingsFailAtBuildWithOneLine() {
        for (Runnable r : List.<Runnable>of(
                () -> TrackerConfig.builder().optPue(0.9).build(),
                () -> TrackerConfig.builder().optInterval(Duration.ZERO).build(),
                () -> TrackerConfig.builder().optCountry("XX").build(),
                () -> TrackerConfig.builder().optCloud("gcp:nowhere").build())) {
            try {
                r.run();
                throw new AssertionError("expected IllegalArgumentException");
            } catch (IllegalArgumentException e) {
                assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            }
        }
    }
}
