package org.greendl.meter.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one small sysfs file as trimmed text. An interface so tests can simulate unreadable files as root. */
@FunctionalInterface
public interface SysfsReader {
    String read(Path file) throws IOException;

    static SysfsReader files() {
        return file -> Files.readString(file, StandardCharsets.US_ASCII).trim();
    }
}
