package org.greendl.select.active;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.greendl.record.AtomicFiles;
import org.greendl.select.Json;

/** Saves and loads {@link PoolState} as JSON ({@code state.json}), atomically. */
public final class PoolStates {
    public static final String FILE = "state.json";

    private PoolStates() {}

    public static void save(Path file, PoolState state) throws IOException {
        AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(state));
    }

    public static PoolState load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file + " (no active-learning state there)");
        }
        PoolState s;
        if (Files.size(file) == 0) {
            throw new IOException(file + " is not a readable active-learning state: the file is empty");
        }
        try {
            s = Json.MAPPER.readValue(file.toFile(), PoolState.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not a readable active-learning state: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IOException(file + " is not a readable active-learning state: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (s == null || s.schema() != PoolState.SCHEMA) {
            throw new IOException(file + " has schema " + (s == null ? "none" : s.schema()) + ", expected "
                    + PoolState.SCHEMA);
        }
        return s;
    }
}
