package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.greendl.deploy.runtime.LabelledImages;

/**
 * Throughput of an int8 ONNX file against its fp32 source at one batch size on real test inputs, interleaved
 * (fp32 then int8, int8 then fp32, ... in alternate rounds, each for a fixed time), medians over rounds, and the
 * median of the per-round ratios.
 */
final class Int8Throughput {
    private Int8Throughput() {}

    static ObjectNode measure(Path fp32, Path int8, LabelledImages test, int batch, int rounds, double seconds,
            int threads) throws java.io.IOException {
        List<Double> a = new ArrayList<>();
        List<Double> b = new ArrayList<>();
        List<Double> ratio = new ArrayList<>();
        try (ServedModel f = ServedModel.open("onnxruntime", fp32, threads, test.sampleShape());
                ServedModel q = ServedModel.open("onnxruntime", int8, threads, test.sampleShape())) {
            for (int i = 0; i < 3; i++) {
                f.infer(InferenceBench.batch(test, batch, i), batch);
                q.infer(InferenceBench.batch(test, batch, i), batch);
            }
            for (int round = 0; round < rounds; round++) {
                double tf;
                double tq;
                if (round % 2 == 0) {
                    tf = perSecond(f, test, batch, seconds);
                    tq = perSecond(q, test, batch, seconds);
                } else {
                    tq = perSecond(q, test, batch, seconds);
                    tf = perSecond(f, test, batch, seconds);
                }
                a.add(tf);
                b.add(tq);
                ratio.add(tq / tf);
            }
        }
        ObjectNode out = BenchRunner.JSON.createObjectNode();
        out.put("batch", batch);
        out.put("rounds", rounds);
        out.put("seconds_per_round", seconds);
        out.put("threads", threads);
        out.put("fp32_per_s", InferenceBench.median(a));
        out.put("int8_per_s", InferenceBench.median(b));
        out.put("int8_over_fp32", InferenceBench.median(ratio));
        return out;
    }

    private static double perSecond(ServedModel m, LabelledImages test, int batch, double seconds) {
        long start = System.nanoTime();
        int runs = 0;
        while (runs < 3 || System.nanoTime() - start < seconds * 1e9) {
            m.infer(InferenceBench.batch(test, batch, runs), batch);
            runs++;
        }
        return (double) runs * batch / ((System.nanoTime() - start) / 1e9);
    }
}
