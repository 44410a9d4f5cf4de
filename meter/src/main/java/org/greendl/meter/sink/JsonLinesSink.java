package org.greendl.meter.sink;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.greendl.meter.Measurement;

/**
 * emissions-tasks.jsonl: one JSON object per closed task, appended with one write (O_APPEND), so parallel runs
 * may share the file and a crash never leaves half a line from an earlier task.
 */
public final class JsonLinesSink implements Sink {
    public static final String FILE_NAME = "emissions-tasks.jsonl";

    private final Path file;

    public JsonLinesSink(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    @Override
    public void progress(RunSnapshot run) {
        // tasks only
    }

    @Override
    public void finish(RunSnapshot run) {
        // tasks only
    }

    @Override
    public void task(TaskRecord t) throws IOException {
        Files.writeString(file, line(t) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** One task as a JSON object (snake_case, kWh and kg like emissions.csv). */
    public static String line(TaskRecord t) {
        Measurement m = t.measurement();
        StringBuilder sb = new StringBuilder("{");
        field(sb, "run_id", t.runId());
        field(sb, "task", t.name());
        field(sb, "path", t.path());
        field(sb, "parent", t.parent());
        field(sb, "start", m.start().toString());
        number(sb, "duration_s", m.duration().toNanos() / 1e9);
        number(sb, "cpu_kwh", m.cpu().kwh());
        number(sb, "gpu_kwh", m.gpu().kwh());
        number(sb, "ram_kwh", m.ram().kwh());
        number(sb, "total_kwh", m.total().kwh());
        number(sb, "self_kwh", t.self().kwh());
        number(sb, "emissions_kg", m.emissions().kg());
        number(sb, "intensity_g_per_kwh", m.intensity().gramsPerKwh());
        field(sb, "country_iso_code", m.countryIso());
        field(sb, "cpu_energy_source", m.cpuSource());
        field(sb, "gpu_energy_source", m.gpuSource());
        field(sb, "ram_energy_source", m.ramSource());
        sb.setLength(sb.length() - 1);
        return sb.append('}').toString();
    }

    private static void field(StringBuilder sb, String key, String value) {
        sb.append('"').append(key).append("\":");
        if (value == null) {
            sb.append("null");
        } else {
            quote(sb, value);
        }
        sb.append(',');
    }

    private static void number(StringBuilder sb, String key, double value) {
        sb.append('"').append(key).append("\":").append(String.format(Locale.ROOT, "%.12g", value)).append(',');
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
