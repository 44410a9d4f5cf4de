package org.greendl.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.greendl.record.AtomicFiles;
import org.greendl.record.RunRecords;

/**
 * Checkpoint folders of a run: {@code RUN/checkpoints/epoch-NNNN/} holding {@code params.bin},
 * {@code optimizer.bin} and {@code state.json}, and the pointer {@code RUN/checkpoint.json} naming the latest.
 * A checkpoint is written into a temporary folder and renamed into place atomically, and the pointer is
 * replaced atomically after it, so a run killed at any moment leaves the previous checkpoint valid.
 */
public final class Checkpoints {
    public static final String POINTER = "checkpoint.json";
    public static final String PARAMS = "params.bin";
    public static final String OPTIMIZER = "optimizer.bin";
    public static final String STATE = "state.json";
    private static final String FOLDER = "checkpoints";

    private Checkpoints() {}

    /** A checkpoint found on disk: its folder and state. */
    public record Loaded(Path dir, CheckpointState state) {
        public Path params() {
            return dir.resolve(PARAMS);
        }

        public Path optimizer() {
            return dir.resolve(OPTIMIZER);
        }
    }

    /** Writes the parts into a fresh checkpoint folder for {@code state.epoch()}, then points at it. */
    public static Path write(Path runDir, CheckpointState state, AtomicFiles.IoConsumer<java.io.OutputStream> params,
            AtomicFiles.IoConsumer<java.io.OutputStream> optimizer) throws IOException {
        Path root = runDir.resolve(FOLDER);
        AtomicFiles.createDirectories(root);
        String name = String.format(Locale.ROOT, "epoch-%04d", state.epoch());
        Path tmp = Files.createTempDirectory(root, "." + name + "-");
        try {
            AtomicFiles.write(tmp.resolve(PARAMS), params);
            AtomicFiles.write(tmp.resolve(OPTIMIZER), optimizer);
            AtomicFiles.writeString(tmp.resolve(STATE), RunRecords.mapper().writeValueAsString(state));
            Path target = root.resolve(name);
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFiles.writeString(runDir.resolve(POINTER), RunRecords.mapper().writeValueAsString(
                    Map.of("schema", CheckpointState.SCHEMA, "epoch", state.epoch(), "path", FOLDER + "/" + name)));
            removeOthers(root, name);
            return target;
        } finally {
            deleteTree(tmp);
        }
    }

    /** True when {@code dir} holds a checkpoint pointer or is a checkpoint folder. */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(POINTER)) || Files.isRegularFile(dir.resolve(STATE));
    }

    /**
     * Reads the checkpoint a run folder points at, or a checkpoint folder itself; anything else is a one-line
     * error naming the path and what was expected.
     */
    public static Loaded read(Path path) throws IOException {
        Path dir;
        if (Files.isRegularFile(path.resolve(POINTER))) {
            Map<?, ?> pointer;
            try {
                pointer = RunRecords.mapper().readValue(path.resolve(POINTER).toFile(), Map.class);
            } catch (JsonProcessingException e) {
                throw new IOException(path.resolve(POINTER) + ": not a checkpoint pointer (expected JSON with a"
                        + " \"path\" field)");
            }
            Object rel = pointer == null ? null : pointer.get("path");
            if (!(rel instanceof String s)) {
                throw new IOException(path.resolve(POINTER) + ": no \"path\" field (expected the latest checkpoint's"
                        + " folder)");
            }
            // The pointer is data, not a path to trust: it may only name a folder under this run's checkpoints/.
            Path root = path.resolve(FOLDER).toAbsolutePath().normalize();
            Path named;
            try {
                named = Path.of(s);
            } catch (java.nio.file.InvalidPathException e) {
                named = null;
            }
            if (named == null || named.isAbsolute() || s.contains("..")
                    || !path.resolve(named).toAbsolutePath().normalize().startsWith(root)) {
                throw new IOException(path.resolve(POINTER) + ": \"path\" is '" + s + "', expected a folder under "
                        + FOLDER + "/ of this run (no absolute path, no ..)");
            }
            dir = path.resolve(named);
        } else if (Files.isRegularFile(path.resolve(STATE))) {
            dir = path;
        } else {
            throw new IOException(path + ": not a greendl checkpoint (expected a run folder with " + POINTER
                    + " or a checkpoint folder with " + STATE + ", " + PARAMS + " and " + OPTIMIZER + ")");
        }
        for (String part : new String[] {STATE, PARAMS, OPTIMIZER}) {
            if (!Files.isRegularFile(dir.resolve(part))) {
                throw new IOException(dir + ": incomplete checkpoint, " + part + " is missing (expected " + STATE
                        + ", " + PARAMS + " and " + OPTIMIZER + ")");
            }
        }
        CheckpointState state;
        try {
            state = RunRecords.mapper().readValue(dir.resolve(STATE).toFile(), CheckpointState.class);
        } catch (JsonProcessingException e) {
            throw new IOException(dir.resolve(STATE) + ": not a checkpoint state (" + e.getOriginalMessage() + ")");
        }
        if (state == null) {
            throw new IOException(dir.resolve(STATE) + ": not a checkpoint state (no JSON object)");
        }
        if (state.schema() != CheckpointState.SCHEMA) {
            throw new IOException(dir.resolve(STATE) + ": checkpoint schema " + state.schema() + " (expected "
                    + CheckpointState.SCHEMA + ")");
        }
        if (state.epoch() < 0 || state.globalStep() < 0) {
            throw new IOException(dir.resolve(STATE) + ": epoch " + state.epoch() + " and step " + state.globalStep()
                    + " (expected counts >= 0)");
        }
        return new Loaded(dir, state);
    }

    private static void removeOthers(Path root, String keep) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root, "epoch-*")) {
            for (Path p : entries) {
                if (!p.getFileName().toString().equals(keep)) {
                    deleteTree(p);
                }
            }
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
