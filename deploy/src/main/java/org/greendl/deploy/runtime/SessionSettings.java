package org.greendl.deploy.runtime;

import java.nio.file.Path;

/**
 * How to open an ONNX Runtime session: intra-op threads (0 = ORT's default, all cores), inter-op threads, and
 * where to write the optimized graph (null = nowhere; used to check int8 fusion), where ORT's profiler writes
 * its per-node trace (a file name prefix; null = no profiling), and the graph optimization level (ALL unless
 * stated: layout, QDQ and int8 fusions included).
 */
public record SessionSettings(int intraOpThreads, int interOpThreads, Path optimizedModelPath, Path profilePrefix,
                              Optimization optimization) {

    /** ONNX Runtime's graph optimization levels (its {@code GraphOptimizationLevel}). */
    public enum Optimization {
        /** Semantics-preserving rewrites only: constant folding, redundant node removal. */
        BASIC,
        /** BASIC plus node fusions (Conv+Add, Gemm+activation, QDQ into int8 ops). */
        EXTENDED,
        /** EXTENDED plus hardware-specific layout rewrites (NCHWc): fastest, but not portable when written out. */
        ALL;

        /** The lower-case name, as records and reports write it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SessionSettings {
        if (intraOpThreads < 0 || interOpThreads < 0) {
            throw new IllegalArgumentException("thread counts must be >= 0, got " + intraOpThreads + "/" + interOpThreads);
        }
        optimization = optimization == null ? Optimization.ALL : optimization;
    }

    public SessionSettings(int intraOpThreads, int interOpThreads, Path optimizedModelPath, Path profilePrefix) {
        this(intraOpThreads, interOpThreads, optimizedModelPath, profilePrefix, Optimization.ALL);
    }

    public static SessionSettings threads(int intraOpThreads) {
        return new SessionSettings(intraOpThreads, 1, null, null);
    }

    public SessionSettings withOptimizedModelPath(Path path) {
        return new SessionSettings(intraOpThreads, interOpThreads, path, profilePrefix, optimization);
    }

    public SessionSettings withProfiling(Path prefix) {
        return new SessionSettings(intraOpThreads, interOpThreads, optimizedModelPath, prefix, optimization);
    }

    public SessionSettings withOptimization(Optimization level) {
        return new SessionSettings(intraOpThreads, interOpThreads, optimizedModelPath, profilePrefix, level);
    }
}
