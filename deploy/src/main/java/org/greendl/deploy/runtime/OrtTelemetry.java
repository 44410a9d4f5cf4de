package org.greendl.deploy.runtime;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Keeps ONNX Runtime from phoning home. Its POSIX builds start a telemetry client when the environment is created:
 * it looks up {@code mobile.events.data.microsoft.com} and writes a device id and an event database under
 * {@code $XDG_CACHE_HOME/Microsoft/DeveloperTools/.onnxruntime}. {@code OrtEnvironment#setTelemetry(false)} comes
 * too late for that (measured with strace on 1.29: the lookups and files still happen), and the Java API has no
 * option for it; the native library reads {@code ORT_DISABLE_TELEMETRY} when the environment starts, so it is set
 * in this process's environment (libc {@code setenv}) before ORT is loaded.
 */
final class OrtTelemetry {
    static final String VARIABLE = "ORT_DISABLE_TELEMETRY";
    private static boolean done;

    private OrtTelemetry() {}

    private interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /** Sets {@value #VARIABLE}=1 for this process; returns false where that was impossible (no libc via JNA). */
    static synchronized boolean disableBeforeLoad() {
        if (done) {
            return true;
        }
        try {
            done = Native.load("c", LibC.class).setenv(VARIABLE, "1", 1) == 0;
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            done = false; // no libc through JNA (not Linux): setTelemetry(false) is what remains
        }
        return done;
    }
}
