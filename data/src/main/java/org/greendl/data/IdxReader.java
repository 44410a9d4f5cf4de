package org.greendl.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the format of MNIST and Fashion-MNIST), gzip-compressed or plain: the gzip magic decides,
 * not the file name. Only unsigned-byte data (type 0x08) is supported, which is what the image datasets use.
 * Every problem is an {@link IdxFormatException} whose one-line message names the file and what was expected.
 */
public final class IdxReader {
    private static final int UNSIGNED_BYTE = 0x08;
    private static final int MAX_DIMS = 4;
    /** Deflate cannot compress better than about 1032:1; a gzip file claiming more data than this is lying. */
    private static final long MAX_DEFLATE_RATIO = 1100;

    private IdxReader() {}

    /** Reads a file and checks it has exactly {@code expectedRank} dimensions (1 for labels, 3 for images). */
    public static IdxArray read(Path file, int expectedRank) throws IOException {
        IdxArray array = read(file);
        if (array.dims().length != expectedRank) {
            throw new IdxFormatException(file, "expected an IDX file with " + expectedRank
                    + " dimension(s) (magic 0x0000080" + expectedRank + "), found " + array.dims().length);
        }
        return array;
    }

    /** Reads a file of any rank from 1 to 4. */
    public static IdxArray read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IdxFormatException(file, "no such file (expected an IDX file)");
        }
        long fileSize = Files.size(file);
        boolean gzip = isGzip(file);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(open(file), 1 << 16))) {
            int magic;
            try {
                magic = in.readInt();
            } catch (EOFException e) {
                throw new IdxFormatException(file, "file is shorter than the 4-byte IDX magic number");
            }
            int type = (magic >>> 8) & 0xff;
            int rank = magic & 0xff;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE || rank < 1 || rank > MAX_DIMS) {
                throw new IdxFormatException(file, String.format(
                        "bad magic number 0x%08x (expected 0x000008NN: unsigned bytes, 1 to %d dimensions)",
                        magic, MAX_DIMS));
            }
            int[] dims = new int[rank];
            long length = 1;
            for (int i = 0; i < rank; i++) {
                try {
                    dims[i] = in.readInt();
                } catch (EOFException e) {
                    throw new IdxFormatException(file, "file ends inside the header (expected " + rank
                            + " dimension sizes)");
                }
                if (dims[i] <= 0) {
                    throw new IdxFormatException(file, "dimension " + i + " is " + dims[i]
                            + " (expected a positive size)");
                }
                length *= dims[i];
            }
            if (length > Integer.MAX_VALUE - 16) {
                throw new IdxFormatException(file, "declares " + length + " bytes of data (too large)");
            }
            long header = 4L + 4L * rank;
            // Checked against the file before allocating: a header's sizes are not to be trusted.
            if (!gzip && header + length > fileSize) {
                throw new IdxFormatException(file, "truncated: header declares " + length + " data bytes, the file has "
                        + Math.max(0, fileSize - header));
            }
            if (gzip && length > fileSize * MAX_DEFLATE_RATIO) {
                throw new IdxFormatException(file, "header declares " + length + " data bytes, more than a "
                        + fileSize + "-byte gzip file can hold");
            }
            byte[] data = gzip ? readUpTo(in, (int) length) : in.readNBytes((int) length);
            int read = data.length;
            if (read < length) {
                throw new IdxFormatException(file, "truncated: header declares " + length + " data bytes, found "
                        + read);
            }
            if (in.read() != -1) {
                throw new IdxFormatException(file, "has bytes after the " + length + " data bytes its header declares");
            }
            return new IdxArray(file, dims, data);
        } catch (ZipException | EOFException e) {
            throw new IdxFormatException(file, "corrupt gzip stream ("
                    + (e.getMessage() == null ? "it ends early" : e.getMessage()) + ")");
        }
    }

    /**
     * Reads at most {@code length} bytes, growing the buffer as data actually arrives: a gzip header's size
     * cannot be checked against the file's, so memory follows what the stream holds, not what it claims.
     */
    private static byte[] readUpTo(InputStream in, int length) throws IOException {
        byte[] buf = new byte[Math.min(length, 1 << 20)];
        int n = 0;
        while (n < length) {
            if (n == buf.length) {
                buf = java.util.Arrays.copyOf(buf, (int) Math.min(length, 2L * buf.length));
            }
            int r = in.read(buf, n, buf.length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
    }

    private static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(raw, 1 << 16);
        }
        return raw;
    }
}
