package org.greendl.meter.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.greendl.testing.OutsideMaven;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.greendl.meter.Measurement;
import org.greendl.meter.carbon.CarbonTable;
import org.greendl.meter.carbon.IntensityChoice;
import org.greendl.meter.unit.Emissions;
import org.greendl.meter.unit.Energy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSinkTest {
    @TempDir Path dir;

    /** The first 38 columns are CodeCarbon v3's, as listed in the reference README. */
    @Test
    void headerStartsWithCodeCarbonsColumnsInOrder() throws IOException {
        Path readme = Path.of("../../shared/reference/README.md");
        OutsideMaven.require(Files.exists(readme), "the shared reference data",
                readme + " is missing (it comes with ../shared beside the checkout)");
        String expected = Files.readAllLines(readme, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("timestamp,project_name,")).findFirst().orElseThrow();
        List<String> reference = List.of(expected.trim().split(","));
        assertEquals(38, reference.size());
        List<String> ours = List.of(CsvSink.HEADER.split(","));
        assertEquals(reference, ours.subList(0, 38));
        assertEquals(List.of("cpu_energy_source", "gpu_energy_source", "ram_energy_source"), ours.subList(38, 41));
    }

    @Test
    void oneRowPerRunReplacedInPlaceAndRunsAppend() throws IOException {
        CsvSink a = CsvSink.open(dir, "aaaaaaaa-1");
        a.progress(snapshot("aaaaaaaa-1", 1.0, "running"));
        a.progress(snapshot("aaaaaaaa-1", 2.0, "running"));
        a.finish(snapshot("aaaaaaaa-1", 3.0, "completed"));
        CsvSink b = CsvSink.open(dir, "bbbbbbbb-2");
        assertEquals(dir.resolve("emissions.csv"), b.file());
        b.finish(snapshot("bbbbbbbb-2", 5.0, "completed"));
        List<String> lines = Files.readAllLines(dir.resolve("emissions.csv"));
        assertEquals(3, lines.size(), String.join("\n", lines));
        assertEquals(CsvSink.HEADER, lines.get(0));
        List<String> first = CsvSink.parseLine(lines.get(1));
        assertEquals(CsvSink.HEADER.split(",").length, first.size());
        assertEquals("aaaaaaaa-1", first.get(2));
        assertEquals("3", first.get(4), "duration of the final state");
        assertEquals("completed", first.get(CsvSink.HEADER.split(",").length - 2));
        assertEquals("bbbbbbbb-2", CsvSink.parseLine(lines.get(2)).get(2));
    }

    @Test
    void aFileWithAnotherHeaderIsLeftAloneAndTheRunGoesToANewFile() throws IOException {
        Path existing = dir.resolve("emissions.csv");
        Files.writeString(existing, "timestamp,project_name,run_id\nx,y,z\n");
        CsvSink sink = CsvSink.open(dir, "cccccccc-3");
        assertNotEquals(existing, sink.file());
        assertTrue(sink.file().getFileName().toString().matches("emissions-\\d{8}-\\d{6}-cccccccc\\.csv"));
        assertNotNull(sink.note());
        assertTrue(sink.note().contains("different header"), sink.note());
        sink.finish(snapshot("cccccccc-3", 1.0, "completed"));
        assertEquals("timestamp,project_name,run_id\nx,y,z\n", Files.readString(existing));
        assertEquals(CsvSink.HEADER, Files.readAllLines(sink.file()).get(0));
    }

    @Test
    void aFileThatIsNotUtf8IsLeftAloneAndTheRunGoesToANewFile() throws IOException {
        Path existing = dir.resolve("emissions.csv");
        byte[] latin1 = (CsvSink.HEADER + "\ncaf\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(existing, latin1);
        CsvSink sink = CsvSink.open(dir, "eeeeeeee-5");
        assertNotEquals(existing, sink.file());
        assertTrue(sink.note().contains("not UTF-8"), sink.note());
        sink.finish(snapshot("eeeeeeee-5", 1.0, "completed"));
        org.junit.jupiter.api.Assertions.assertArrayEquals(latin1, Files.readAllBytes(existing));
        assertEquals(CsvSink.HEADER, Files.readAllLines(sink.file()).get(0));
    }

    @Test
    void anOutputPathThatIsAFileFails() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        try {
            CsvSink.open(file, "dddddddd");
            throw new AssertionError("expected an IOException");
        } catch (IOException expected) {
            // createDirectories on a regular file
        }
    }

    @Test
    void valuesWithCommasAreQuoted() {
        assertEquals("\"a, b\"", CsvSink.escape("a, b"));
        assertEquals(List.of("x", "a, \"b\"", ""), CsvSink.parseLine("x,\"a, \"\"b\"\"\","));
    }

    static RunSnapshot snapshot(String runId, double seconds, String status) {
        IntensityChoice fra = IntensityChoice.resolve(CarbonTable.bundled(), "FRA", null, null);
        RunInfo info = new RunInfo(runId, "p", "", "Linux", "17", 2, "Intel(R) Xeon(R) Processor, 2.1 GHz", 0, "",
                16, "machine", fra, 1.0);
        Energy cpu = Energy.ofJoules(10 * seconds);
        Measurement m = new Measurement(Instant.parse("2026-01-01T00:00:00Z"), Duration.ofMillis((long) (seconds * 1000)),
                cpu, Energy.ZERO, Energy.ofJoules(seconds), "estimate", "none", "estimate", fra.intensity(), "FRA",
                fra.intensity().of(cpu.plus(Energy.ofJoules(seconds))));
        return new RunSnapshot(info, m, 50, 10, 1.6, status);
    }

    @Test
    void rowCarriesSourcesAndEnergies() {
        List<String> header = List.of(CsvSink.HEADER.split(","));
        List<String> row = CsvSink.parseLine(CsvSink.row(snapshot("r", 2.0, "completed")));
        assertEquals(header.size(), row.size());
        assertEquals("estimate", row.get(header.indexOf("cpu_energy_source")));
        assertEquals("none", row.get(header.indexOf("gpu_energy_source")));
        assertEquals("France", row.get(header.indexOf("country_name")));
        assertEquals("10", row.get(header.indexOf("cpu_power")));
        assertEquals(22.0 / 3.6e6, Double.parseDouble(row.get(header.indexOf("energy_consumed"))), 1e-15);
        assertEquals("Intel(R) Xeon(R) Processor, 2.1 GHz", row.get(header.indexOf("cpu_model")));
        Emissions e = Emissions.ofGrams(56.039 * 22.0 / 3.6e6);
        assertEquals(e.kg(), Double.parseDouble(row.get(header.indexOf("emissions"))), 1e-15);
    }
}
