package org.greendl.deploy.runtime;

import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.greendl.deploy.onnx.OnnxModels;

/**
 * Top-1 agreement of two models of the same signature (a float model and its int8 version) on generated inputs
 * ({@link InputFeeds}): the arg-max of each sample's row of the first output, compared. No labels needed, so it
 * works for any model, token ids and masks included.
 *
 * @param samples inputs compared (whole batches)
 * @param agreeing how many had the same arg-max
 */
public record Agreement(int samples, int agreeing, int batch) {
    public double rate() {
        return agreeing / (double) samples;
    }

    public static Agreement measure(Path reference, Path other, List<String> inputSpecs, int samples, int batch,
                                    int threads, long seed) {
        ModelProto proto = OnnxModels.load(reference);
        InputSignature signature = InputSignature.of(proto, inputSpecs);
        int b = signature.fixedBatch() > 0 ? (int) signature.fixedBatch() : Math.min(batch, samples);
        int batches = Math.max(1, samples / b);
        int agreeing = 0;
        try (OnnxSession a = OnnxSession.open(reference, SessionSettings.threads(threads));
             OnnxSession c = OnnxSession.open(other, SessionSettings.threads(threads))) {
            for (int i = 0; i < batches; i++) {
                Map<String, InputFeeds.Feed> feeds = InputFeeds.generate(proto, signature, b, seed + i);
                int[] x = argmax(a.run(feeds).values().iterator().next(), b);
                int[] y = argmax(c.run(feeds).values().iterator().next(), b);
                for (int k = 0; k < b; k++) {
                    agreeing += x[k] == y[k] ? 1 : 0;
                }
            }
        }
        return new Agreement(batches * b, agreeing, b);
    }

    private static int[] argmax(float[] rows, int n) {
        int width = rows.length / n;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            for (int c = 1; c < width; c++) {
                if (rows[i * width + c] > rows[i * width + out[i]]) {
                    out[i] = c;
                }
            }
        }
        return out;
    }
}
