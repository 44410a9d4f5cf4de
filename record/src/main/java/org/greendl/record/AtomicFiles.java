package org.greendl.record;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way greendl writes a file: whole or not at all. Content goes into a hidden temporary file in the target's
 * folder ({@code .NAME.PID-N.tmp}), is forced to disk, then moved over the target with {@code ATOMIC_MOVE}. A crash
 * leaves the old file or the new one, never half of one, and any failure (a full disk, a writer that throws, a
 * target that is a folder) deletes the temporary file before the error goes up.
 *
 * <p>The temporary file is opened with {@code CREATE_NEW} rather than {@code Files.createTempFile}: the latter
 * makes the file mode 0600, which the atomic move would carry onto the target (a report page others cannot read),
 * and it initializes {@code SecureRandom}, ~50 ms at start of a short command.
 */
public final class AtomicFiles {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final long PID = ProcessHandle.current().pid();

    private AtomicFiles() {}

    /** Writes content produced by {@code writer}. */
    public static void write(Path file, IoConsumer<OutputStream> writer) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        createDirectories(dir);
        Path tmp = null;
        try {
            FileChannel channel = null;
            for (int attempt = 0; channel == null; attempt++) {
                tmp = dir.resolve(tempName(target));
                try {
                    channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    tmp = null; // left by a killed process with our pid and counter: take the next name
                    if (attempt > 100) {
                        throw e;
                    }
                } catch (AccessDeniedException e) {
                    tmp = null;
                    throw new IOException(dir + ": not writable (expected a folder greendl can write to)");
                }
            }
            try (FileChannel ch = channel; OutputStream out = Channels.newOutputStream(ch)) {
                writer.accept(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileSystemException e) {
                if (Files.isDirectory(target)) {
                    throw new IOException(file + ": is a folder (expected a file name)");
                }
                throw e;
            }
            tmp = null;
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    public static void writeString(Path file, String content) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8));
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

    /** Whether {@code name} is one of the temporary files {@link #write} makes (left only by a killed process). */
    public static boolean isTemporary(String name) {
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    private static String tempName(Path target) {
        return "." + target.getFileName() + "." + PID + "-" + COUNTER.incrementAndGet() + ".tmp";
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
