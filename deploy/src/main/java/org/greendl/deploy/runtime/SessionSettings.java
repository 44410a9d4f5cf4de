package org.greendl.deploy.runtime;

import java.nio.file.Path;

/**
 * How to open an ONNX Runtime session: intra-op threads (0 = ORT's default, all cores), inter-op threads, and
 * where to write the optimized graph (null = nowhere; used to check int8 fusion). Graph optimization is always
 * ALL_OPT (layout, QDQ and int8 fusions included).
 */
public record SessionSettings(int intraOpThreads, int interOpThreads, Path optimizedModelPath) {
    public SessionSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0, got " + intraOpThreads + "/" + interOpThreads);
        }
    }

    public static SessionSettings threads(int intraOpThreads) {
        return new SessionSettings(intraOpThreads, 1, null);
    }

    public SessionSettings withOptimizedModelPath(Path path) {
        return new SessionSettings(intraOpThreads, interOpThreads, path);
    }
}
