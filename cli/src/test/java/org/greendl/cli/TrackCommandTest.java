package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.greendl.meter.sink.CsvSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrackCommandTest {
    @TempDir Path dir;

    private record Result(int code, String out, String err) {}

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runsTheCommandPassesItsExitCodeAndWritesARow() throws Exception {
        Result r = run("track", "--country", "FRA", "--interval", "0.1", "--out", dir.toString(), "--project", "p1",
                "--", "sh", "-c", "exit 3");
        assertEquals(3, r.code(), r.err());
        List<String> lines = Files.readAllLines(dir.resolve("emissions.csv"));
        assertEquals(2, lines.size());
        List<String> header = List.of(lines.get(0).split(","));
        List<String> row = CsvSink.parseLine(lines.get(1));
        assertEquals(header.size(), row.size());
        assertEquals("FRA", row.get(header.indexOf("country_iso_code")));
        assertEquals("p1", row.get(header.indexOf("project_name")));
        assertEquals("completed", row.get(header.indexOf("status")));
        String cpuSource = row.get(header.indexOf("cpu_energy_source"));
        assertTrue(List.of("rapl", "estimate").contains(cpuSource), cpuSource);
        // The summary: duration, each component with its source, gCO2eq, the intensity and where it came from.
        String err = r.err();
        assertTrue(err.contains("exited 3 after"), err);
        assertTrue(err.lines().anyMatch(l -> l.trim().startsWith("cpu ") && l.contains(" " + cpuSource + " ")), err);
        assertTrue(err.contains("gCO2eq"), err);
        assertTrue(err.contains("56.0 gCO2eq/kWh: France (FRA)") && err.contains("[chosen by --country]"), err);
    }

    @Test
    void badInputIsOneLineAndTheRightExitCode() throws Exception {
        assertOneLine(run("track", "--country", "XYZ", "--out", dir.toString(), "--", "true"), 2, "unknown country 'XYZ'");
        assertOneLine(run("track", "--cloud", "aws:nowhere", "--out", dir.toString(), "--", "true"), 2, "unknown cloud region");
        assertOneLine(run("track", "--out", dir.toString(), "--", "no-such-command-xyz"), 1, "command not found on PATH");
        Path notExecutable = Files.writeString(dir.resolve("script.sh"), "echo hi\n");
        Files.setPosixFilePermissions(notExecutable, PosixFilePermissions.fromString("rw-r--r--"));
        assertOneLine(run("track", "--out", dir.toString(), "--", notExecutable.toString()), 1, "not executable");
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertOneLine(run("track", "--out", file.toString(), "--", "true"), 1, "is a file, expected a directory");
        assertOneLine(run("track", "--tracking-mode", "both", "--", "true"), 2, "unknown tracking mode");
        Result noCommand = run("track", "--country", "FRA");
        assertEquals(2, noCommand.code(), noCommand.err());
        assertTrue(noCommand.err().contains("CMD"), noCommand.err());
    }

    @Test
    void verboseShowsTheStackTrace() {
        Result r = run("track", "--verbose", "--country", "XYZ", "--", "true");
        assertEquals(2, r.code());
        assertTrue(r.err().lines().count() > 1 && r.err().contains("at org.greendl"), r.err());
    }

    private static void assertOneLine(Result r, int code, String text) {
        assertEquals(code, r.code(), r.err());
        String err = r.err().strip();
        assertTrue(err.startsWith("greendl: ") && err.contains(text), err);
        assertEquals(1, err.lines().count(), "no stack trace: " + err);
    }

    @Test
    void carbonShowsTheIntensityAndItsSource() {
        Result text = run("carbon", "FRA");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("56.0 gCO2eq/kWh  France (FRA), 2023"), text.out());
        Result json = run("carbon", "gcp:europe-west9", "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(json.out().strip().startsWith("{") && json.out().contains("\"intensity_g_per_kwh\":34.0"), json.out());
        assertTrue(json.out().contains("\"cloud_region\":\"europe-west9\""), json.out());
        assertEquals(1, json.out().strip().lines().count());
        assertOneLine(run("carbon", "ZZZ"), 2, "unknown country 'ZZZ'");
    }

    @Test
    void doctorSaysWhichSourcesWorkAndWhy() throws Exception {
        Result text = run("doctor");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("cpu ") && l.contains("USED")), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.startsWith("gpu  nvml")), text.out());
        Result json = run("doctor", "--format", "json");
        assertEquals(0, json.code(), json.err());
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertTrue(root.get("probes").size() >= 3);
        for (var p : root.get("probes")) {
            assertTrue(!p.get("detail").asText().isBlank(), "every probe says why: " + p);
        }
        assertTrue(List.of("rapl", "estimate").contains(root.get("chosen").get("cpu").asText()));
    }
}
