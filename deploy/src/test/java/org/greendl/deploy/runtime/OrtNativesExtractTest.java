package org.greendl.deploy.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrtNativesExtractTest {
    @TempDir Path dir;

    @Test
    void aTruncatedExtractedLibraryIsReplacedFromTheJar() throws Exception {
        byte[] lib = new byte[50_000];
        for (int i = 0; i < lib.length; i++) {
            lib[i] = (byte) (i * 7);
        }
        Path jar = dir.resolve("ort.jar");
        String resource = "ai/onnxruntime/native/linux-x64/libonnxruntime.so";
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(jar))) {
            z.putNextEntry(new ZipEntry(resource));
            z.write(lib);
            z.closeEntry();
        }
        ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
        Path target = Files.createDirectories(dir.resolve("native")).resolve("libonnxruntime.so");
        Files.write(target, Arrays.copyOf(lib, 1000)); // what a full disk or a killed copy leaves
        OrtNatives.extract(loader, resource, target, dir.resolve("stamps"));
        assertArrayEquals(lib, Files.readAllBytes(target));
        byte[] flipped = lib.clone();
        flipped[10] ^= 1;
        Files.write(target, flipped);
        OrtNatives.extract(loader, resource, target, dir.resolve("stamps"));
        assertArrayEquals(lib, Files.readAllBytes(target), "same size, other CRC-32: replaced too");
    }
}
