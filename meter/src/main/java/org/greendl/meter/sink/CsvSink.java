package org.greendl.meter.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.greendl.meter.Measurement;
import org.greendl.record.AtomicFiles;

/**
 * emissions.csv: CodeCarbon v3's 38 columns in order, then greendl's. One row per run, rewritten after each
 * sample (temp file + atomic rename: a reader never sees half a file, and kill -9 loses at most one interval).
 * Rows of other runs are kept: each write re-reads the file and replaces only this run's row, so runs writing
 * different files never interfere and sequential runs append. An existing file with another header is left
 * alone: this run goes to a new file emissions-YYYYMMDD-HHMMSS-RUNID.csv, and {@link #note()} says so.
 */
public final class CsvSink implements Sink {
    public static final String FILE_NAME = "emissions.csv";

    /** CodeCarbon v3's emissions.csv columns, in order. */
    public static final List<String> CODECARBON_COLUMNS = List.of(
            "timestamp", "project_name", "run_id", "experiment_id", "duration", "emissions", "emissions_rate",
            "cpu_power", "gpu_power", "ram_power", "cpu_energy", "gpu_energy", "ram_energy", "energy_consumed",
            "water_consumed", "country_name", "country_iso_code", "region", "cloud_provider", "cloud_region", "os",
            "python_version", "codecarbon_version", "cpu_count", "cpu_model", "gpu_count", "gpu_model", "longitude",
            "latitude", "ram_total_size", "tracking_mode", "cpu_utilization_percent", "gpu_utilization_percent",
            "ram_utilization_percent", "ram_used_gb", "on_cloud", "pue", "wue");

    /** greendl's own columns, after CodeCarbon's. */
    public static final List<String> GREENDL_COLUMNS = List.of(
            "cpu_energy_source", "gpu_energy_source", "ram_energy_source", "carbon_intensity_g_per_kwh",
            "carbon_intensity_source", "status", "java_version");

    public static final String HEADER = String.join(",", CODECARBON_COLUMNS) + "," + String.join(",", GREENDL_COLUMNS);

    private final Path file;
    private final String note;
    private List<String> others;               // rows of other runs, as last read
    private java.nio.file.attribute.FileTime written; // mtime after our last write

    private CsvSink(Path file, String note) {
        this.file = file;
        this.note = note;
    }

    /**
     * Prepares {@code dir/emissions.csv}, or a new file beside it when that one has a different header.
     *
     * @throws IOException when the directory cannot be created or written
     */
    public static CsvSink open(Path dir, String runId) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE_NAME);
        String note = null;
        String problem = incompatibility(file);
        if (problem != null) {
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
            Path other = dir.resolve("emissions-" + stamp + "-" + runId.substring(0, 8) + ".csv");
            note = file + " " + problem + "; writing this run to " + other + " instead";
            file = other;
        }
        // Fail now rather than at the first sample when the directory is not writable.
        // (A fixed name: Files.createTempFile would initialize SecureRandom, ~50 ms at start.)
        Path probe = dir.resolve(".emissions." + runId + ".probe");
        Files.deleteIfExists(probe);
        Files.createFile(probe);
        Files.delete(probe);
        return new CsvSink(file, note);
    }

    /**
     * Why rows cannot be added to an existing file, or null when they can (or there is no file): it must be a
     * regular file of UTF-8 text with greendl's header. The whole file is checked, since every write rewrites it.
     */
    private static String incompatibility(Path file) throws IOException {
        if (!Files.exists(file)) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            return "is not a regular file";
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return "is not UTF-8 text";
        } catch (NoSuchFileException e) {
            return null;
        }
        String first = text.lines().findFirst().orElse(null);
        if (first != null && !first.equals(HEADER)) {
            return "has a different header (not greendl's CodeCarbon-compatible columns)";
        }
        return null;
    }

    public Path file() {
        return file;
    }

    /** Why the run went to another file than emissions.csv, or null. */
    public String note() {
        return note;
    }

    @Override
    public void progress(RunSnapshot run) throws IOException {
        write(run);
    }

    @Override
    public void finish(RunSnapshot run) throws IOException {
        write(run);
    }

    private void write(RunSnapshot run) throws IOException {
        String runId = run.info().runId();
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        lines.addAll(otherRows(runId));
        lines.add(row(run));
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append(System.lineSeparator());
        }
        AtomicFiles.writeString(file, text.toString());
        written = Files.getLastModifiedTime(file);
    }

    /**
     * The rows of other runs. Re-read only when the file changed since our last write (another run appended),
     * so that a sample normally costs one write and one rename.
     */
    private List<String> otherRows(String runId) throws IOException {
        if (!Files.exists(file)) {
            others = List.of();
            return others;
        }
        if (others != null && Files.getLastModifiedTime(file).equals(written)) {
            return others;
        }
        List<String> existing = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>();
        for (int i = 1; i < existing.size(); i++) {
            String line = existing.get(i);
            if (!line.isEmpty() && !runIdOf(line).equals(runId)) {
                kept.add(line);
            }
        }
        others = kept;
        return others;
    }

    private static String runIdOf(String line) {
        List<String> f = parseLine(line);
        return f.size() > 2 ? f.get(2) : "";
    }

    /** The CSV row of a run, in {@link #HEADER}'s order. */
    public static String row(RunSnapshot run) {
        RunInfo i = run.info();
        Measurement m = run.measurement();
        double seconds = m.duration().toNanos() / 1e9;
        double pue = i.pue();
        double energyKwh = m.total().kwh() * pue;
        List<String> f = new ArrayList<>(CODECARBON_COLUMNS.size() + GREENDL_COLUMNS.size());
        f.add(m.start().plus(m.duration()).truncatedTo(ChronoUnit.SECONDS).toString());
        f.add(i.projectName());
        f.add(i.runId());
        f.add(i.experimentId());
        f.add(num(seconds));
        f.add(num(m.emissions().kg()));
        f.add(num(seconds > 0 ? m.emissions().kg() / seconds : 0));
        f.add(num(watts(m.cpu().joules(), seconds)));
        f.add(num(watts(m.gpu().joules(), seconds)));
        f.add(num(watts(m.ram().joules(), seconds)));
        f.add(num(m.cpu().kwh()));
        f.add(num(m.gpu().kwh()));
        f.add(num(m.ram().kwh()));
        f.add(num(energyKwh));
        f.add("0"); // water_consumed: greendl has no water model (wue 0)
        f.add(i.place().countryName());
        f.add(i.place().countryIso());
        f.add(""); // region (a country's sub-region): not resolved without network
        f.add(i.place().cloudProvider());
        f.add(i.place().cloudRegion());
        f.add(i.os());
        f.add(""); // python_version: not Python
        f.add(""); // codecarbon_version: not CodeCarbon
        f.add(Integer.toString(i.cpuCount()));
        f.add(i.cpuModel());
        f.add(Integer.toString(i.gpuCount()));
        f.add(i.gpuModel());
        f.add(""); // longitude: not located
        f.add(""); // latitude
        f.add(num(i.ramTotalGb()));
        f.add(i.trackingMode());
        f.add(num(run.cpuUtilizationPercent()));
        f.add(""); // gpu_utilization_percent: not sampled
        f.add(num(run.ramUtilizationPercent()));
        f.add(num(run.ramUsedGb()));
        f.add(i.place().cloudProvider().isEmpty() ? "N" : "Y");
        f.add(num(pue));
        f.add("0"); // wue
        f.add(m.cpuSource());
        f.add(m.gpuSource());
        f.add(m.ramSource());
        f.add(num(m.intensity().gramsPerKwh()));
        f.add(i.place().source());
        f.add(run.status());
        f.add(i.javaVersion());
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < f.size(); k++) {
            if (k > 0) {
                sb.append(',');
            }
            sb.append(escape(f.get(k)));
        }
        return sb.toString();
    }

    private static double watts(double joules, double seconds) {
        return seconds > 0 ? joules / seconds : 0;
    }

    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.10g", v).replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2").replace(".e", "e");
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** Splits one CSV line (RFC 4180 quoting, no embedded newlines). */
    public static List<String> parseLine(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
