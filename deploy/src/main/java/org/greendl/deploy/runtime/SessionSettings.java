package org.greendl.deploy.runtime;

import java.nio.file.Path;

/**
 * How to open an ONNX Runtime session: intra-op threads (0 = ORT's default, all cores), inter-op threads, and
 * where to write the optimized graph (null = nowhere; used to check int8 fusion), and where ORT's profiler writes
 * its per-node trace (a file name prefix; null = no profiling). Graph optimization is always ALL_OPT (layout, QDQ
 * and int8 fusions included).
 */
public record SessionSettings(int intraOpThreads, int interOpThreads, Path optimizedModelPath, Path profilePrefix) {
    public SessionSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0, got " + intraOpThreads + "/" + interOpThreads);
        }
    }

    public static SessionSettings threads(int intraOpThreads) {
        return new SessionSettings(intraOpThreads, 1, null, null);
    }

    public SessionSettings withOptimizedModelPath(Path path) {
        return new SessionSettings(intraOpThreads, interOpThreads, path, profilePrefix);
    }

    public SessionSettings withProfiling(Path prefix) {
        return new SessionSettings(intraOpThreads, interOpThreads, optimizedModelPath, prefix);
    }
}
