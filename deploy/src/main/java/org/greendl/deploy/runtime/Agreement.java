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
 * @param samples inputs compared (at least those asked for: whole batches where the batch is fixed)
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
        boolean fixed = signature.fixedBatch() > 0;
        int b = fixed ? (int) signature.fixedBatch() : Math.min(batch, samples);
        int agreeing = 0;
        int done = 0;
        try (OnnxSession a = OnnxSession.open(reference, SessionSettings.threads(threads));
             OnnxSession c = OnnxSession.open(other, SessionSettings.threads(threads))) {
            for (int i = 0; done < samples; i++) {
                // A free batch dimension takes the remainder as a last, smaller batch; a fixed one whole batches.
                int n = fixed ? b : Math.min(b, samples - done);
                Map<String, InputFeeds.Feed> feeds = InputFeeds.generate(proto, signature, n, seed + i);
                int[] x = argmax(a.run(feeds).values().iterator().next(), n);
                int[] y = argmax(c.run(feeds).values().iterator().next(), n);
                for (int k = 0; k < n; k++) {
                    agreeing += x[k] == y[k] ? 1 : 0;
                }
                done += n;
            }
        }
        return new Agreement(done, agreeing, b);
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
