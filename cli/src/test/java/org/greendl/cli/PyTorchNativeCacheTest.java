package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fake DJL cache and fake native jars: no real library is loaded or touched. */
class PyTorchNativeCacheTest {
    @TempDir Path dir;

    private static final byte[] LIBTORCH = bytes(70_000, 1);
    private static final byte[] LIBC10 = bytes(30_000, 2);
    private static final byte[] JNI = bytes(20_000, 3);

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private Path jar(Map<String, byte[]> entries) throws Exception {
        Path jar = dir.resolve("natives.jar");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return jar;
    }

    private ClassLoader natives() throws Exception {
        Path jar = jar(Map.of(
                "native/lib/pytorch.properties", ("version=9.9.9-20990101\nflavor=cpu\nclassifier=linux-x86_64\n"
                        + "libraries=libc10.so,libtorch.so\n").getBytes(StandardCharsets.US_ASCII),
                "pytorch/cpu/linux-x86_64/libtorch.so", LIBTORCH,
                "pytorch/cpu/linux-x86_64/libc10.so", LIBC10,
                "jnilib/pytorch.properties", "jni_version=9.9.9-0.99.0\n".getBytes(StandardCharsets.US_ASCII),
                "jnilib/linux-x86_64/cpu/libdjl_torch.so", JNI));
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
    }

    private Path cache(byte[] libtorch) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("cache").resolve("9.9.9-20990101-cpu-linux-x86_64"));
        Files.write(folder.resolve("libtorch.so"), libtorch);
        Files.write(folder.resolve("libc10.so"), LIBC10);
        Files.write(folder.resolve("0.99.0-libdjl_torch.so"), JNI);
        return folder;
    }

    @Test
    void anIntactCacheIsKept() throws Exception {
        Path folder = cache(LIBTORCH);
        List<String> removed = PyTorchNativeCache.verify(dir.resolve("cache"), natives(), dir.resolve("stamps"));
        assertEquals(List.of(), removed);
        assertTrue(Files.isRegularFile(folder.resolve("libtorch.so")));
        // Verified once: the stamp lets the next start skip the hash.
        assertEquals(List.of(), PyTorchNativeCache.verify(dir.resolve("cache"), natives(), dir.resolve("stamps")));
        try (var s = Files.list(dir.resolve("stamps"))) {
            assertEquals(3, s.count());
        }
    }

    @Test
    void aTruncatedLibraryRemovesTheFolderSoDjlExtractsItAgain() throws Exception {
        Path folder = cache(Arrays.copyOf(LIBTORCH, 4096));
        List<String> removed = PyTorchNativeCache.verify(dir.resolve("cache"), natives(), dir.resolve("stamps"));
        assertEquals(1, removed.size(), "" + removed);
        assertTrue(removed.get(0).contains("libtorch.so") && removed.get(0).contains("4096 bytes"), removed.get(0));
        assertFalse(Files.exists(folder), "the whole folder: DJL re-extracts only when libtorch.so is missing");
    }

    @Test
    void aSameSizeCorruptionIsFoundByTheCrc() throws Exception {
        byte[] flipped = LIBTORCH.clone();
        flipped[1234] ^= 0x40;
        Path folder = cache(flipped);
        List<String> removed = PyTorchNativeCache.verify(dir.resolve("cache"), natives(), dir.resolve("stamps"));
        assertEquals(1, removed.size(), "" + removed);
        assertTrue(removed.get(0).contains("CRC-32"), removed.get(0));
        assertFalse(Files.exists(folder));
    }

    @Test
    void aDamagedJniFileAloneIsRemoved() throws Exception {
        Path folder = cache(LIBTORCH);
        Files.write(folder.resolve("0.99.0-libdjl_torch.so"), new byte[10]);
        List<String> removed = PyTorchNativeCache.verify(dir.resolve("cache"), natives(), dir.resolve("stamps"));
        assertEquals(1, removed.size(), "" + removed);
        assertFalse(Files.exists(folder.resolve("0.99.0-libdjl_torch.so")));
        assertTrue(Files.isRegularFile(folder.resolve("libtorch.so")));
    }

    @Test
    void noCacheOrNoNativeJarIsNothingToDo() throws Exception {
        assertEquals(List.of(), PyTorchNativeCache.verify(dir.resolve("absent"), natives(), dir.resolve("stamps")));
        assertEquals(List.of(), PyTorchNativeCache.verify(dir, new URLClassLoader(new URL[0], null), dir));
    }
}
