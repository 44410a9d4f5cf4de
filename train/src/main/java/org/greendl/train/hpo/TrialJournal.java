package org.greendl.train.hpo;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An append-only record of finished trials ({@code trials.jsonl}), one JSON line each, forced to disk after
 * every trial. A search killed at any moment restarts, finds its finished trials here and runs only the rest;
 * a line cut short by the kill is ignored.
 */
public final class TrialJournal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Map<String, TrialResult> done = new LinkedHashMap<>();

    private TrialJournal(Path file) {
        this.file = file;
    }

    /** Opens (or starts) the journal in {@code dir}. */
    public static TrialJournal open(Path dir) {
        TrialJournal j = new TrialJournal(dir.resolve("trials.jsonl"));
        try {
            Files.createDirectories(dir);
            if (Files.exists(j.file)) {
                j.repairTornEnd();
                for (String line : Files.readAllLines(j.file, StandardCharsets.UTF_8)) {
                    j.parse(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open search journal " + j.file + ": " + e.getMessage(), e);
        }
        return j;
    }

    /**
     * A kill in the middle of an append leaves a last line without its newline; the next append would be glued
     * onto it and lost as well. A complete record that only lacks the newline gets it; a fragment is cut off.
     */
    private void repairTornEnd() throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            if (size == 0 || lastByte(ch, size) == '\n') {
                return;
            }
            long start = size;
            while (start > 0 && lastByte(ch, start) != '\n') {
                start--;
            }
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate((int) (size - start));
            while (tail.hasRemaining() && ch.read(tail, start + tail.position()) > 0) {
                // keep reading
            }
            if (parse(new String(tail.array(), StandardCharsets.UTF_8))) {
                ch.write(StandardCharsets.UTF_8.encode("\n"), size);
            } else {
                ch.truncate(start);
            }
            ch.force(true);
        }
    }

    /** The byte just before {@code end}. */
    private static byte lastByte(FileChannel ch, long end) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
        ch.read(b, end - 1);
        return b.get(0);
    }

    /** Reads one journal line into {@link #done}; false for a line that is not a whole record. */
    private boolean parse(String line) {
        if (line.isBlank()) {
            return false;
        }
        try {
            Map<String, Object> m = JSON.readValue(line, new TypeReference<>() {});
            @SuppressWarnings("unchecked")
            Map<String, Object> config = (Map<String, Object>) m.get("config");
            TrialResult r = new TrialResult((String) m.get("id"), config, ((Number) m.get("epochs")).intValue(),
                    ((Number) m.get("validation_accuracy")).doubleValue(), ((Number) m.get("energy_kwh")).doubleValue(),
                    (String) m.get("run_dir"), (String) m.get("stop_reason"), (String) m.get("host"));
            done.put((String) m.get("key"), r);
            return true;
        } catch (IOException | RuntimeException e) {
            // A line cut short by a kill: that trial simply runs again.
            return false;
        }
    }

    public synchronized TrialResult find(Trial trial) {
        return done.get(trial.key());
    }

    public synchronized void append(Trial trial, TrialResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", trial.key());
        m.put("id", r.id());
        m.put("config", trial.config().values());
        m.put("epochs", r.epochs());
        m.put("validation_accuracy", r.validationAccuracy());
        m.put("energy_kwh", r.energyKwh());
        m.put("run_dir", r.runDir());
        m.put("stop_reason", r.stopReason());
        if (r.host() != null) {
            m.put("host", r.host());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(StandardCharsets.UTF_8.encode(JSON.writeValueAsString(m) + "\n"));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
        done.put(trial.key(), r);
    }

    public synchronized List<TrialResult> all() {
        return new ArrayList<>(done.values());
    }
}
