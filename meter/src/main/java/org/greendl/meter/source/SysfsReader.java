package org.greendl.meter.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one small sysfs file as trimmed text. An interface so tests can simulate unreadable files as root. */
@FunctionalInterface
public interface SysfsReader {
    /** A sysfs attribute holds at most one page; anything longer is not one. */
    int MAX_BYTES = 4096;

    String read(Path file) throws IOException;

    /**
     * Reads regular files only, and at most {@link #MAX_BYTES}: a FIFO would block the caller forever and a
     * device such as /dev/zero would fill the heap, and either may sit where a (fake or mounted) tree is expected.
     */
    static SysfsReader files() {
        return file -> {
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " is not a regular file");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new IOException(file + " is longer than " + MAX_BYTES + " bytes: not a sysfs attribute");
                }
                return new String(bytes, StandardCharsets.US_ASCII).trim();
            }
        };
    }
}
