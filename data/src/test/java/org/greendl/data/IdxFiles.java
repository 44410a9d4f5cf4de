package org.greendl.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files for tests. */
final class IdxFiles {
    private IdxFiles() {}

    static byte[] idx(int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream raw = Files.newOutputStream(file);
                OutputStream out = gzip ? new GZIPOutputStream(raw) : raw) {
            out.write(content);
        }
        return file;
    }

    static Path images(Path file, int count, boolean gzip) throws IOException {
        byte[] data = new byte[count * 28 * 28];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251);
        }
        return write(file, idx(0x803, new int[] {count, 28, 28}, data), gzip);
    }

    static Path labels(Path file, int count, boolean gzip) throws IOException {
        byte[] data = new byte[count];
        for (int i = 0; i < count; i++) {
            data[i] = (byte) (i % 10);
        }
        return write(file, idx(0x801, new int[] {count}, data), gzip);
    }

    /** A complete small Fashion-MNIST folder: {@code train} training and {@code test} test examples. */
    static Path fashionFolder(Path dir, int train, int test) throws IOException {
        Files.createDirectories(dir);
        images(dir.resolve("train-images-idx3-ubyte.gz"), train, true);
        labels(dir.resolve("train-labels-idx1-ubyte.gz"), train, true);
        images(dir.resolve("t10k-images-idx3-ubyte"), test, false);
        labels(dir.resolve("t10k-labels-idx1-ubyte"), test, false);
        return dir;
    }
}
