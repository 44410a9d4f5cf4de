package org.greendl.deploy.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.greendl.record.AtomicFiles;

/**
 * Checks a native library extracted to disk against the jar entry it came from, before anything loads it: the
 * dynamic linker maps the file, and a truncated or damaged one kills the JVM with SIGBUS (exit 134) instead of
 * failing with an error. Engines trust their caches when the file merely exists, so greendl checks first.
 *
 * <p>The size is compared on every call; the CRC-32 (which the jar records for every entry) only when the file
 * changed since it was last verified, remembered by a small stamp in a folder of greendl's own (never beside the
 * libraries: DJL loads every file of its cache folder as a library).
 */
public final class NativeLibraries {
    /** What a jar says about one of its entries. */
    public record Expected(String resource, long size, long crc) {}

    private NativeLibraries() {}

    /** The size and CRC-32 of {@code resource} as its jar records them, or null when it is not in a jar. */
    public static Expected expected(ClassLoader loader, String resource) {
        URL url = loader.getResource(resource);
        if (url == null || !"jar".equals(url.getProtocol())) {
            return null;
        }
        try {
            JarURLConnection c = (JarURLConnection) url.openConnection();
            c.setUseCaches(false);
            try (var jar = c.getJarFile()) {
                ZipEntry e = jar.getEntry(c.getEntryName());
                return e == null || e.getSize() < 0 || e.getCrc() < 0 ? null : new Expected(resource, e.getSize(), e.getCrc());
            }
        } catch (IOException | ClassCastException e) {
            return null;
        }
    }

    /**
     * Why {@code file} differs from the jar entry, or null when it matches (or cannot be compared).
     *
     * @param stamps where verified files are remembered (null: hash every time)
     */
    public static String mismatch(Path file, Expected expected, Path stamps) throws IOException {
        if (expected == null || !Files.exists(file)) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            return file + " is not a regular file";
        }
        long size = Files.size(file);
        if (size != expected.size()) {
            return file + " has " + size + " bytes, " + expected.resource() + " in its jar has " + expected.size();
        }
        long mtime = Files.getLastModifiedTime(file).toMillis();
        String stamp = size + " " + mtime + " " + Long.toHexString(expected.crc());
        Path stampFile = stamps == null ? null : stamps.resolve(stampName(file));
        if (stampFile != null && Files.isRegularFile(stampFile)
                && stamp.equals(Files.readString(stampFile, StandardCharsets.US_ASCII).strip())) {
            return null;
        }
        long crc = crc(file);
        if (crc != expected.crc()) {
            return file + " has CRC-32 " + Long.toHexString(crc) + ", " + expected.resource() + " in its jar has "
                    + Long.toHexString(expected.crc());
        }
        if (stampFile != null) {
            try {
                AtomicFiles.write(stampFile, stamp.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                // a read-only home: verify again next time
            }
        }
        return null;
    }

    /** greendl's folder for verification stamps: $GREENDL_HOME/native/verified or ~/.greendl/native/verified. */
    public static Path defaultStamps() {
        String home = System.getenv("GREENDL_HOME");
        Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".greendl");
        return base.resolve("native").resolve("verified");
    }

    private static String stampName(Path file) {
        return file.toAbsolutePath().normalize().toString().replaceAll("[^A-Za-z0-9._-]", "_") + ".ok";
    }

    static long crc(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (FileChannel ch = FileChannel.open(file)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buf) > 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
        }
        return crc.getValue();
    }

    /** Reads a small classpath resource as text, or null when absent. */
    public static String text(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readNBytes(1 << 16), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }
}
