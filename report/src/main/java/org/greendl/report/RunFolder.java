package org.greendl.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The records found in a run folder: a bench's {@code bench.json}, a search's {@code search.json}, or the
 * {@code run.json} files of any command (the folder's own and those up to three levels below it).
 */
public record RunFolder(Path dir, JsonNode bench, JsonNode search, List<RunSummary> runs) {

    public static RunFolder read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder (expected a run folder with run.json, "
                    + "bench.json or search.json)");
        }
        JsonNode bench = optional(dir.resolve("bench.json"));
        JsonNode search = optional(dir.resolve("search.json"));
        List<RunSummary> runs = new ArrayList<>();
        if (bench != null && bench.path("variants").isArray()) {
            bench.get("variants").forEach(v -> runs.add(RunRecordReader.summarize(v)));
        } else {
            for (Path p : runJsonFiles(dir)) {
                runs.add(RunRecordReader.summarize(RunRecordReader.readTree(p)));
            }
        }
        if (runs.isEmpty() && search == null) {
            throw new IllegalArgumentException(dir + " holds no run records (expected run.json, bench.json or "
                    + "search.json in it or in its sub-folders)");
        }
        return new RunFolder(dir, bench, search, List.copyOf(runs));
    }

    private static JsonNode optional(Path file) {
        return Files.isRegularFile(file) ? RunRecordReader.readTree(file) : null;
    }

    private static List<Path> runJsonFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir, 4)) {
            return s.filter(p -> p.getFileName().toString().equals("run.json"))
                    .filter(p -> !p.toString().contains("checkpoint"))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
