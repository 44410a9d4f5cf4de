package org.greendl.deploy.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ONNX Runtime's telemetry client, when it runs, writes a device id and an event database under
 * {@code $XDG_CACHE_HOME/Microsoft/DeveloperTools/.onnxruntime} as soon as the environment starts, and looks up its
 * collector's host seconds later. The files are the quick, deterministic sign that it ran; the network side is
 * checked under strace in the cli module's NoNetworkTest.
 */
class OrtTelemetryTest {
    @TempDir Path dir;

    @Test
    void greendlsEnvironmentStartsNoTelemetryClient() throws Exception {
        Path cache = dir.resolve("cache");
        ProcessBuilder pb = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", System.getProperty("java.class.path"), TelemetryProbe.class.getName(), "500"))
                .redirectErrorStream(true);
        pb.environment().put("XDG_CACHE_HOME", cache.toString());
        pb.environment().remove(OrtTelemetry.VARIABLE);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.startsWith("ort 1."), out);
        assertFalse(Files.exists(cache.resolve("Microsoft")), "ONNX Runtime's telemetry wrote " + cache
                .resolve("Microsoft/DeveloperTools/.onnxruntime"));
        assertEquals(1, out.lines().count(), "nothing but our line on stdout/stderr: " + out);
    }
}
