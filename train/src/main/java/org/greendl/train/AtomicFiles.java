package org.greendl.train;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Files written whole or not at all: into a temporary file in the same folder, flushed to disk, then moved over
 * the target with {@code ATOMIC_MOVE}. A crash leaves the old file or the new one, never half of one.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes content produced by {@code writer}. */
    public static void write(Path file, IoConsumer<OutputStream> writer) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        createDirectories(dir);
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        } catch (AccessDeniedException e) {
            throw new IOException(dir + ": not writable (expected a folder greendl can write to)");
        }
        try {
            try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE);
                    OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                writer.accept(out);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public static void writeString(Path file, String content) throws IOException {
        write(file, out -> out.write(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Creates a folder (and parents) with a one-line error when that is impossible. */
    public static void createDirectories(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new IOException(dir + ": cannot create or write this folder (" + reason(e)
                    + "; expected a writable output folder)");
        }
        if (!Files.isWritable(dir)) {
            throw new IOException(dir + ": not writable (expected a folder greendl can write to)");
        }
    }

    private static String reason(FileSystemException e) {
        String r = e.getReason();
        if (r != null) {
            return r;
        }
        return e instanceof AccessDeniedException ? "permission denied" : e.getClass().getSimpleName();
    }

    /** A consumer that may throw {@link IOException}. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T value) throws IOException;
    }
}
