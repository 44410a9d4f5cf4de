package org.greendl.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.greendl.deploy.runtime.NativeLibraries;

/**
 * Checks DJL's PyTorch native cache before the engine loads. DJL extracts libtorch from the pytorch-native jar
 * into {@code <engine cache>/pytorch/<version>-<flavor>-<classifier>/} and, on later runs, uses that folder as
 * soon as {@code libtorch.so} exists there; the JNI glue {@code <djl version>-libdjl_torch.so} likewise. A
 * truncated or damaged copy is then mapped by the dynamic linker and the JVM dies with SIGBUS. Every cached file
 * is compared with its jar entry (size, then CRC-32); a library folder with any mismatch is removed whole (DJL
 * re-extracts a folder only when libtorch.so is missing), a mismatching JNI file alone.
 */
final class PyTorchNativeCache {
    private PyTorchNativeCache() {}

    /** Checks the real cache (DJL's own cache-dir rules); returns what was removed, one line each. */
    static List<String> verify() {
        try {
            return verify(ai.djl.util.Utils.getEngineCacheDir("pytorch"), PyTorchNativeCache.class.getClassLoader(),
                    NativeLibraries.defaultStamps());
        } catch (RuntimeException | IOException e) {
            return List.of(); // checking is a safeguard: never a reason to stop the command
        }
    }

    static List<String> verify(Path cacheDir, ClassLoader loader, Path stamps) throws IOException {
        List<String> removed = new ArrayList<>();
        Properties p = properties(loader, "native/lib/pytorch.properties");
        if (p == null || !Files.isDirectory(cacheDir)) {
            return removed;
        }
        String version = p.getProperty("version");
        String flavor = p.getProperty("flavor");
        String classifier = p.getProperty("classifier");
        String libraries = p.getProperty("libraries", "");
        if (version == null || flavor == null || classifier == null) {
            return removed;
        }
        Path dir = cacheDir.resolve(version + '-' + flavor + '-' + classifier);
        if (Files.isDirectory(dir)) {
            for (String lib : libraries.split(",")) {
                lib = lib.strip();
                if (lib.isEmpty()) {
                    continue;
                }
                String why = NativeLibraries.mismatch(dir.resolve(lib), NativeLibraries.expected(loader,
                        "pytorch/" + flavor + '/' + classifier + '/' + lib), stamps);
                if (why != null) {
                    deleteTree(dir);
                    removed.add("damaged PyTorch library in DJL's cache (" + why + "): removed " + dir
                            + " so that it is extracted again");
                    break;
                }
            }
        }
        Properties jni = properties(loader, "jnilib/pytorch.properties");
        String jniVersion = jni == null ? null : jni.getProperty("jni_version");
        if (jniVersion != null && jniVersion.contains("-") && Files.isDirectory(dir)) {
            String djl = jniVersion.substring(jniVersion.lastIndexOf('-') + 1);
            String name = System.mapLibraryName("djl_torch");
            Path file = dir.resolve(djl + '-' + name);
            String why = NativeLibraries.mismatch(file, NativeLibraries.expected(loader,
                    "jnilib/" + classifier + '/' + flavor + '/' + name), stamps);
            if (why != null) {
                Files.deleteIfExists(file);
                removed.add("damaged PyTorch JNI library in DJL's cache (" + why + "): removed it so that it is"
                        + " extracted again");
            }
        }
        return removed;
    }

    private static Properties properties(ClassLoader loader, String resource) throws IOException {
        String text = NativeLibraries.text(loader, resource);
        if (text == null) {
            return null;
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}
