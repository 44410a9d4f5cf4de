package org.greendl.data.spec;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.record.AtomicFiles;

/**
 * Decoded folder datasets kept for the run (in memory, the last few) and across runs (one file per dataset),
 * both keyed by the listing key: the files' names, sizes and modification times and the decoding settings. A
 * changed, added or removed file changes the key, so a stale cache is never read. Files are written to a
 * temporary name and moved into place, so a reader never sees half a cache.
 */
final class FolderCache {
    private static final int MAGIC = 0x47444c43; // "GDLC"
    private static final int VERSION = 1;
    private static final int IN_MEMORY = 4;
    private static final Map<String, FolderImages> MEMORY = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FolderImages> eldest) {
            return size() > IN_MEMORY;
        }
    };

    private FolderCache() {}

    static synchronized FolderImages inMemory(String key) {
        return MEMORY.get(key);
    }

    static synchronized void keep(String key, FolderImages images) {
        MEMORY.put(key, images);
    }

    /** Forgets what this run decoded (the disk cache stays). */
    static synchronized void clearMemory() {
        MEMORY.clear();
    }

    static Path file(Path dir, String key) {
        return dir.resolve("folder-" + key.substring(0, 32) + ".bin");
    }

    /** The cached images, or null when there is no cache file or it is not one this version wrote for the key. */
    static FolderImages read(Path file, String key) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION || !in.readUTF().equals(key)) {
                return null;
            }
            String fingerprint = in.readUTF();
            int classCount = in.readInt();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < classCount; i++) {
                names.add(in.readUTF());
            }
            int channels = in.readInt();
            int height = in.readInt();
            int width = in.readInt();
            int trainCount = in.readInt();
            int count = in.readInt();
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = in.readInt();
            }
            byte[] pixels = new byte[Math.multiplyExact(count, channels * height * width)];
            in.readFully(pixels);
            return new FolderImages(fingerprint, names, channels, height, width, labels, pixels, trainCount);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged cache is only a slower load
        }
    }

    static void write(Path file, String key, FolderImages images) throws IOException {
        AtomicFiles.write(file, stream -> {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16));
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(key);
            out.writeUTF(images.fingerprint());
            out.writeInt(images.classNames().size());
            for (String name : images.classNames()) {
                out.writeUTF(name);
            }
            out.writeInt(images.channels());
            out.writeInt(images.height());
            out.writeInt(images.width());
            out.writeInt(images.trainCount());
            out.writeInt(images.labels().length);
            for (int label : images.labels()) {
                out.writeInt(label);
            }
            out.write(images.pixels());
            out.flush();
        });
    }
}
