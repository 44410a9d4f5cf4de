package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.greendl.meter.sink.CsvSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code greendl track} in a child JVM: signals, and measured power against a counter advancing at a known rate. */
class TrackProcessTest {
    @TempDir Path dir;

    private ProcessBuilder greendl(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("greendl.log").toFile());
    }

    private static List<String> row(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertEquals(2, lines.size(), String.join("\n", lines));
        List<String> header = List.of(lines.get(0).split(","));
        List<String> row = CsvSink.parseLine(lines.get(1));
        assertEquals(header.size(), row.size(), "a complete row");
        return row;
    }

    private static String col(Path csv, List<String> row, String name) throws Exception {
        return row.get(List.of(Files.readAllLines(csv).get(0).split(",")).indexOf(name));
    }

    @Test
    void sigtermWritesTheFinalRowAndStopsTheChild() throws Exception {
        Path out = dir.resolve("out");
        Process p = greendl("track", "--out", out.toString(), "--interval", "0.2", "--", "sleep", "60").start();
        Path csv = out.resolve("emissions.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((!Files.exists(csv) || p.descendants().findAny().isEmpty()) && System.nanoTime() < deadline
                && p.isAlive()) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(csv), "progress row written: " + Files.readString(dir.resolve("greendl.log")));
        while (p.descendants().findAny().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<ProcessHandle> children = p.descendants().toList();
        assertFalse(children.isEmpty(), "sleep is running");
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "greendl exits on SIGTERM");
        List<String> row = row(csv);
        assertEquals("interrupted", col(csv, row, "status"), Files.readString(dir.resolve("greendl.log")));
        assertTrue(Double.parseDouble(col(csv, row, "duration")) > 0);
        for (ProcessHandle child : children) {
            assertTrue(child.onExit().toCompletableFuture().isDone() || !child.isAlive(), "SIGTERM forwarded to " + child.pid());
        }
        assertTrue(Files.readString(dir.resolve("greendl.log")).contains("was interrupted"));
    }

    @Test
    void killNineLosesAtMostOneInterval() throws Exception {
        Path out = dir.resolve("out");
        Process p = greendl("track", "--out", out.toString(), "--interval", "0.2", "--", "sleep", "60").start();
        Path csv = out.resolve("emissions.csv");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(csv) && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(csv), Files.readString(dir.resolve("greendl.log")));
        long firstRow = System.nanoTime();
        Thread.sleep(1500);
        List<ProcessHandle> children = p.descendants().toList();
        double aliveSeconds = (System.nanoTime() - firstRow) / 1e9;
        p.destroyForcibly(); // SIGKILL: no hook runs
        p.waitFor(30, TimeUnit.SECONDS);
        children.forEach(ProcessHandle::destroyForcibly); // sleep is orphaned by kill -9
        List<String> row = row(csv);
        assertEquals("running", col(csv, row, "status"), "the last progress row, complete");
        double duration = Double.parseDouble(col(csv, row, "duration"));
        // The row written before the first check covers >= 0.2 s; 1.5 s later, at most one 0.2 s interval
        // (plus scheduling slack on a loaded machine) may be missing.
        assertTrue(duration >= 0.2 + aliveSeconds - 0.2 - 0.3, "duration " + duration + " after " + aliveSeconds + " s");
    }

    /** A fake powercap tree whose package counter advances at 40 W: track must report 40 W within 2 %. */
    @Test
    void reportsTheRateOfAFakeRaplCounter() throws Exception {
        double watts = 40.0;
        Path zone = Files.createDirectories(dir.resolve("powercap").resolve("intel-rapl:0"));
        Files.writeString(zone.resolve("name"), "package-0\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143328850\n");
        long t0 = System.nanoTime();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            try {
                while (running.get()) {
                    long uj = (long) ((System.nanoTime() - t0) / 1e3 * watts); // µJ = W x µs
                    Path tmp = zone.resolve("energy_uj.tmp");
                    Files.writeString(tmp, uj + "\n");
                    Files.move(tmp, zone.resolve("energy_uj"), StandardCopyOption.ATOMIC_MOVE);
                    Thread.sleep(2);
                }
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.setDaemon(true);
        Files.writeString(zone.resolve("energy_uj"), "0\n");
        writer.start();
        try {
            Path out = dir.resolve("out");
            ProcessBuilder pb = greendl("track", "--out", out.toString(), "--interval", "0.25", "--", "sleep", "4");
            pb.environment().put("GREENDL_POWERCAP_ROOT", dir.resolve("powercap").toString());
            Process p = pb.start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String log = Files.readString(dir.resolve("greendl.log"));
            assertEquals(0, p.exitValue(), log);
            Path csv = out.resolve("emissions.csv");
            List<String> row = row(csv);
            assertEquals("rapl", col(csv, row, "cpu_energy_source"), log);
            double cpuPower = Double.parseDouble(col(csv, row, "cpu_power"));
            assertEquals(watts, cpuPower, watts * 0.02, "cpu_power " + cpuPower + " W\n" + log);
            assertTrue(log.contains(" rapl "), log);
        } finally {
            running.set(false);
            writer.join();
        }
    }

    static String classpathSeparator() {
        return File.pathSeparator;
    }
}
