package org.greendl.train;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Files written whole or not at all, through {@link org.greendl.meter.io.AtomicFiles} (the one atomic writer):
 * a temporary file in the same folder, flushed to disk, then moved over the target; the temporary file is deleted
 * on any failure. Kept here so this module's callers keep their imports.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes content produced by {@code writer}. */
    public static void write(java.nio.file.Path file, IoConsumer<OutputStream> writer) throws IOException {
        org.greendl.meter.io.AtomicFiles.write(file, writer);
    }

    public static void writeString(java.nio.file.Path file, String content) throws IOException {
        org.greendl.meter.io.AtomicFiles.writeString(file, content);
    }

    /** Creates a folder (and parents) with a one-line error when that is impossible. */
    public static void createDirectories(java.nio.file.Path dir) throws IOException {
        org.greendl.meter.io.AtomicFiles.createDirectories(dir);
    }

    /** A consumer that may throw {@link IOException}. */
    @FunctionalInterface
    public interface IoConsumer<T> extends org.greendl.meter.io.AtomicFiles.IoConsumer<T> {}
}
