package org.greendl.select;

import java.io.IOException;
import java.nio.file.Path;

/** Writes files whole or not at all, through {@link org.greendl.meter.io.AtomicFiles} (the one atomic writer). */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, byte[] bytes) throws IOException {
        org.greendl.meter.io.AtomicFiles.write(target, bytes);
    }

    public static void write(Path target, String text) throws IOException {
        org.greendl.meter.io.AtomicFiles.writeString(target, text);
    }
}
