package org.greendl.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes {@code run.json} files; writing is atomic (temporary file, then an atomic move). */
public final class RunRecords {
    private static final ObjectMapper MAPPER = Json.MAPPER;

    private RunRecords() {}

    /** The mapper used for run records (snake_case comes from the records' annotations). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String toJson(RunRecord record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise run record: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes {@code record} to {@code file} atomically, creating parent folders. */
    public static void write(Path file, RunRecord record) throws IOException {
        AtomicFiles.writeString(file, toJson(record) + "\n");
    }

    public static String toJson(SelectionRecord record) {
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise run record: " + e.getOriginalMessage(), e);
        }
    }

    /** Writes a data-selection record atomically (without a final newline, as these records always were). */
    public static void write(Path file, SelectionRecord record) throws IOException {
        AtomicFiles.writeString(file, toJson(record));
    }

    /** Reads a data-selection record back (the same checks as {@link #read}, less the model's size). */
    public static SelectionRecord readSelection(Path file) throws IOException {
        SelectionRecord r;
        try {
            r = MAPPER.readValue(text(file), SelectionRecord.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a greendl run record (" + Json.firstLine(e.getOriginalMessage()) + ")");
        }
        if (r == null || r.schema() != RunRecord.SCHEMA) {
            throw new IOException(file + ": run record schema " + (r == null ? "missing" : r.schema())
                    + " (expected " + RunRecord.SCHEMA + ")");
        }
        return r;
    }

    /**
     * Any record's JSON as a tree, for readers that take what is there (the report); any problem is one line
     * naming the file (Jackson's own messages span lines).
     */
    public static JsonNode readTree(Path file) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(file + " is not readable JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not readable: " + e.getMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            String msg = file + " is empty (expected a run record)";
            throw new UncheckedIOException(msg, new IOException(msg));
        }
        return tree;
    }

    /** Far above any real record (a long run's epochs make a few hundred KB). */
    public static final long MAX_BYTES = 64L << 20;

    /** Reads a run record, with a one-line error naming the file when it is missing or not a run record. */
    public static RunRecord read(Path file) throws IOException {
        String json = text(file);
        RunRecord r;
        try {
            r = MAPPER.readValue(json, RunRecord.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a greendl run record (" + Json.firstLine(e.getOriginalMessage()) + ")");
        }
        if (r == null || r.schema() != RunRecord.SCHEMA) {
            throw new IOException(file + ": run record schema " + (r == null ? "missing" : r.schema())
                    + " (expected " + RunRecord.SCHEMA + ")");
        }
        if (r.model() == null || r.model().name() == null || r.model().name().isBlank()) {
            throw new IOException(file + ": not a greendl run record (no \"model\" block with a \"name\")");
        }
        return r;
    }

    /** A record file's text, with a one-line error when it is missing, too large, not UTF-8 or empty. */
    private static String text(Path file) throws IOException {
        String json;
        try {
            if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
                throw new IOException(file + ": " + Files.size(file) + " bytes, too large for a run record (at most "
                        + MAX_BYTES + ")");
            }
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": no such file (expected a greendl run.json)");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + ": not a greendl run record (not UTF-8 text)");
        }
        if (json.isBlank()) {
            throw new IOException(file + ": not a greendl run record (the file is empty)");
        }
        return json;
    }
}
