package org.greendl.deploy.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.greendl.deploy.onnx.OnnxModels;

/**
 * The graph ONNX Runtime actually runs after ALL_OPT (written with SessionOptions.setOptimizedModelFilePath), as
 * counts of {@code domain:OpType}; shows whether int8 QDQ was fused into QLinearConv / QGemm.
 */
public final class OptimizedGraph {
    private OptimizedGraph() {}

    /**
     * Writes the graph ONNX Runtime makes of {@code model} at {@code level} to {@code out} (through
     * SessionOptions.setOptimizedModelFilePath), a model ORT loads as it is. {@link SessionSettings.Optimization#EXTENDED}
     * is the highest level whose written graph is portable; ALL adds layout rewrites for this machine's CPU.
     */
    public static void write(Path model, Path out, SessionSettings.Optimization level, int threads) {
        try {
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".optimized", ".onnx");
            try {
                try (OnnxSession s = OnnxSession.open(model,
                        SessionSettings.threads(threads).withOptimization(level).withOptimizedModelPath(tmp))) {
                    // opening the session writes the optimized model
                }
                OnnxModels.load(tmp); // ORT wrote a whole model, or this says what is wrong with it
                Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the optimized model " + out + ": " + e.getMessage(), e);
        }
    }

    public static Map<String, Integer> opCounts(byte[] model, int threads) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("greendl-optimized", ".onnx");
            try (OnnxSession s = OnnxSession.open(model, SessionSettings.threads(threads).withOptimizedModelPath(tmp))) {
                // opening the session writes the optimized model
            }
            ModelProto optimized = OnnxModels.load(tmp);
            Map<String, Integer> counts = new TreeMap<>();
            for (NodeProto n : optimized.getGraph().getNodeList()) {
                String key = (n.getDomain().isEmpty() ? "" : n.getDomain() + ":") + n.getOpType();
                counts.merge(key, 1, Integer::sum);
            }
            return new LinkedHashMap<>(counts);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }
}
