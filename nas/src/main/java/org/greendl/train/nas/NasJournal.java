package org.greendl.train.nas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The finished candidates of a search ({@code OUT/candidates.jsonl}), one JSON line each (the candidate's whole
 * entry of the record), forced to disk after every candidate. A rerun with the same folder finds them here by
 * their architecture's key and does not train or measure them again; a line cut short by a kill is ignored and
 * that candidate runs again.
 */
final class NasJournal {
    private final Path file;
    private final Map<String, ObjectNode> done = new LinkedHashMap<>();

    NasJournal(Path dir) throws IOException {
        file = dir.resolve("candidates.jsonl");
        Files.createDirectories(dir);
        if (Files.exists(file)) {
            StringBuilder keep = new StringBuilder();
            boolean torn = false;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                ObjectNode e = parse(line);
                if (e == null) {
                    torn |= !line.isBlank();
                    continue;
                }
                done.put(e.get("key").asText(), e);
                keep.append(line).append('\n');
            }
            if (torn) {
                org.greendl.record.AtomicFiles.writeString(file, keep.toString());
            }
        }
    }

    private static ObjectNode parse(String line) {
        if (line.isBlank()) {
            return null;
        }
        try {
            JsonNode n = NasSpace.JSON.readTree(line);
            return n instanceof ObjectNode o && o.hasNonNull("key") && o.has("validation_accuracy") ? o : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** True when no candidate has finished yet. */
    boolean isEmpty() {
        return done.isEmpty();
    }

    ObjectNode find(String key) {
        return done.get(key);
    }

    void append(ObjectNode entry) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ch.write(StandardCharsets.UTF_8.encode(NasSpace.JSON.writeValueAsString(entry) + "\n"));
            ch.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
        done.put(entry.get("key").asText(), entry);
    }
}
