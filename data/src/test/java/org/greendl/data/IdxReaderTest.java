package org.greendl.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir Path dir;

    @Test
    void readsGzipAndPlainAlike() throws IOException {
        Path gz = IdxFiles.images(dir.resolve("a.gz"), 3, true);
        Path plain = IdxFiles.images(dir.resolve("a"), 3, false);
        IdxArray a = IdxReader.read(gz, 3);
        IdxArray b = IdxReader.read(plain, 3);
        assertArrayEquals(new int[] {3, 28, 28}, a.dims());
        assertEquals(3, a.count());
        assertEquals(784, a.itemSize());
        assertArrayEquals(a.data(), b.data());
        assertEquals(1 % 251, a.data()[1]);
    }

    @Test
    void wrongMagicIsNamed() throws IOException {
        Path f = IdxFiles.write(dir.resolve("bad"), IdxFiles.idx(0x12345678, new int[] {1}, new byte[1]), false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("bad magic number 0x12345678"), e.getMessage());
    }

    @Test
    void nonByteDataTypeIsRejected() throws IOException {
        Path f = IdxFiles.write(dir.resolve("float"), IdxFiles.idx(0x0D01, new int[] {1}, new byte[4]), false);
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.read(f)).getMessage().contains("magic"));
    }

    /** Bytes this thread allocates while running {@code body}. */
    private static long allocated(org.junit.jupiter.api.function.Executable body) {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        try {
            body.execute();
        } catch (Throwable expected) {
            // the caller checks the outcome
        }
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void aHeaderDeclaringGigabytesInASmallFileIsRefusedBeforeAllocating() throws IOException {
        // 2.1 GB declared (3 x 26,000 x 27,000) in a 4.5 KB file.
        Path f = IdxFiles.write(dir.resolve("huge"), IdxFiles.idx(0x803, new int[] {3, 26_000, 27_000}, new byte[4500]),
                false);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(allocated(() -> IdxReader.read(f)) < 50_000_000, "no 2.1 GB array for a 4.5 KB file");
    }

    @Test
    void aGzipHeaderDeclaringMoreThanTheStreamHoldsIsRefusedWithoutItsSize() throws IOException {
        Path f = IdxFiles.write(dir.resolve("huge.gz"), IdxFiles.idx(0x803, new int[] {3, 26_000, 27_000},
                new byte[4500]), true);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
        assertTrue(allocated(() -> IdxReader.read(f)) < 50_000_000, "no 2.1 GB array for a tiny gzip file");
        // Within deflate's ratio (4 MB of zeros compress to about 4 KB) but still far more declared than held.
        Path g = IdxFiles.write(dir.resolve("zeros.gz"), IdxFiles.idx(0x803, new int[] {1, 4000, 1000},
                new byte[4_000_000]), true);
        byte[] header = IdxFiles.idx(0x803, new int[] {1, 4000, 1000}, new byte[0]);
        java.nio.ByteBuffer.wrap(header).putInt(4, 1000); // now declares 4 GB-ish: 1000 x 4000 x 1000
        byte[] zeros = new byte[4_000_000];
        Path lying = IdxFiles.write(dir.resolve("lying.gz"), concat(header, zeros), true);
        IdxFormatException l = assertThrows(IdxFormatException.class, () -> IdxReader.read(lying));
        assertTrue(l.getMessage().contains(lying.toString()), l.getMessage());
        assertTrue(allocated(() -> IdxReader.read(lying)) < 200_000_000, "memory follows the stream's 4 MB");
        assertEquals(4_000_000, IdxReader.read(g).data().length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void aGzipStreamEndingEarlyNamesTheProblemNotNull() throws IOException {
        Path gz = IdxFiles.images(dir.resolve("cut.gz"), 3, true);
        byte[] bytes = Files.readAllBytes(gz);
        Files.write(gz, Arrays.copyOf(bytes, bytes.length - 4));
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(gz));
        assertTrue(e.getMessage().startsWith(gz.toString()), e.getMessage());
        assertTrue(!e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void truncatedDataIsRejected() throws IOException {
        byte[] full = IdxFiles.idx(0x803, new int[] {2, 28, 28}, new byte[2 * 784]);
        Path f = IdxFiles.write(dir.resolve("short.gz"), Arrays.copyOf(full, full.length - 100), true);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().contains("truncated: header declares 1568 data bytes, found 1468"), e.getMessage());
    }

    @Test
    void fileEndingInHeaderOrBeforeMagicIsRejected() throws IOException {
        Path tiny = IdxFiles.write(dir.resolve("tiny"), new byte[] {0, 0}, false);
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.read(tiny)).getMessage()
                .contains("shorter than the 4-byte IDX magic"));
        byte[] header = IdxFiles.idx(0x803, new int[] {2, 28, 28}, new byte[0]);
        Path cut = IdxFiles.write(dir.resolve("cut"), Arrays.copyOf(header, 9), false);
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.read(cut)).getMessage()
                .contains("ends inside the header"));
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        Path f = IdxFiles.write(dir.resolve("long"), IdxFiles.idx(0x801, new int[] {2}, new byte[3]), false);
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.read(f)).getMessage()
                .contains("bytes after the 2 data bytes"));
    }

    @Test
    void corruptGzipIsRejected() throws IOException {
        Path good = IdxFiles.labels(dir.resolve("l.gz"), 50, true);
        byte[] bytes = Files.readAllBytes(good);
        byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
        Path f = Files.write(dir.resolve("cut.gz"), cut);
        IdxFormatException e = assertThrows(IdxFormatException.class, () -> IdxReader.read(f));
        assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }

    @Test
    void rankIsChecked() throws IOException {
        Path labels = IdxFiles.labels(dir.resolve("labels"), 4, false);
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.read(labels, 3)).getMessage()
                .contains("expected an IDX file with 3 dimension(s)"));
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nothing");
        assertTrue(assertThrows(IdxFormatException.class, () -> IdxReader.read(f)).getMessage()
                .contains("no such file"));
    }
}
