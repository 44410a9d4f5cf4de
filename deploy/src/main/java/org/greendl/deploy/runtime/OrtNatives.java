package org.greendl.deploy.runtime;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.greendl.record.AtomicFiles;

/**
 * ONNX Runtime's Java binding extracts its ~28 MB of native libraries into a fresh temporary folder in every
 * JVM. We extract them once into {@code ~/.greendl/native/onnxruntime-<version>/<platform>} (or
 * {@code $GREENDL_HOME/native/...}) and point {@code onnxruntime.native.path} there, so repeated CLI runs reuse
 * them. A user-set {@code onnxruntime.native.path} is respected. Extraction writes to a temporary file in the
 * same folder and moves it atomically, so concurrent JVMs never see a half-written library.
 */
public final class OrtNatives {
    static final String VERSION = "1.29.0";
    /** ORT's log threshold (environment and sessions): errors only, so its coloured warnings stay off stderr. */
    static final ai.onnxruntime.OrtLoggingLevel LOG_LEVEL = ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
    private static volatile boolean prepared;
    private static boolean telemetryOff;

    private OrtNatives() {}

    /** Call before the first ORT class is used; idempotent. Returns the folder used, or null if left to ORT. */
    public static synchronized Path prepare() {
        String preset = System.getProperty("onnxruntime.native.path");
        if (prepared || preset != null) {
            prepared = true;
            return preset == null ? null : Path.of(preset);
        }
        prepared = true;
        String platform = platform();
        if (platform == null) {
            return null; // let ORT decide (and report) on platforms we do not know
        }
        String home = System.getenv("GREENDL_HOME");
        Path base = home != null ? Path.of(home) : Path.of(System.getProperty("user.home"), ".greendl");
        Path dir = base.resolve("native").resolve("onnxruntime-" + VERSION).resolve(platform);
        try {
            Files.createDirectories(dir);
            for (String lib : List.of("libonnxruntime.so", "libonnxruntime4j_jni.so")) {
                extract("ai/onnxruntime/native/" + platform + "/" + lib, dir.resolve(lib));
            }
        } catch (IOException | UncheckedIOException e) {
            return null; // read-only home: ORT's own temp-folder extraction still works
        }
        System.setProperty("onnxruntime.native.path", dir.toString());
        return dir;
    }

    /**
     * The shared ORT environment, after {@link #prepare()}: every session greendl opens gets it from here, with
     * telemetry off (see {@link OrtTelemetry}) and ORT's log at errors only.
     */
    public static synchronized OrtEnvironment environment() {
        OrtTelemetry.disableBeforeLoad();
        prepare();
        // Errors only: ORT's warnings (e.g. about initializers it prunes) are noise for our users.
        OrtEnvironment env = OrtEnvironment.getEnvironment(LOG_LEVEL, "greendl");
        if (!telemetryOff) {
            try {
                env.setTelemetry(false);
            } catch (ai.onnxruntime.OrtException e) {
                // the environment variable set above is what stops it on Linux; this is the API's own switch
            }
            telemetryOff = true;
        }
        return env;
    }

    private static void extract(String resource, Path target) throws IOException {
        extract(OrtEnvironment.class.getClassLoader(), resource, target, NativeLibraries.defaultStamps());
    }

    /**
     * Extracts {@code resource} to {@code target} unless a copy matching the jar entry (size and CRC-32) is there
     * already. An atomic move makes every copy whole, but a disk fault or a user's tool can still damage it, and
     * loading a damaged library crashes the JVM: such a copy is replaced.
     */
    static void extract(ClassLoader loader, String resource, Path target, Path stamps) throws IOException {
        if (Files.isRegularFile(target)
                && NativeLibraries.mismatch(target, NativeLibraries.expected(loader, resource), stamps) == null) {
            return;
        }
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("resource missing: " + resource);
            }
            AtomicFiles.write(target, in.readAllBytes());
        }
    }

    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase();
        String arch = System.getProperty("os.arch", "").toLowerCase();
        if (!os.contains("linux")) {
            return null;
        }
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return "linux-x64";
        }
        return arch.equals("aarch64") ? "linux-aarch64" : null;
    }
}
