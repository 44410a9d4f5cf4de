package org.greendl.cli.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.greendl.cli.ModelArgs;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.nn.ForwardTiming;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;

/**
 * Softmax against linear attention in the bench's text-transformer, forward time per sequence at 64 to 1,024
 * tokens. Each sequence is real test texts' token ids one after another, as many whole texts as fit, then
 * padding (masked; its cost is the padded length's). The networks are built for 1,024 positions with fresh weights
 * (the trained ones have as many positions as the data's sequence length; time does not depend on the weights).
 * Softmax and linear are interleaved at every length in every round; the figures are medians over rounds.
 */
final class SequenceScaling {
    static final int[] LENGTHS = {64, 128, 256, 512, 1024};

    private SequenceScaling() {}

    static ObjectNode measure(List<String> softmaxOptions, List<String> linearOptions, LabelledImages test,
            InputSpec data, boolean quick, int threads) {
        int batch = quick ? 2 : 4;
        int rounds = quick ? 1 : 5;
        int warmup = 1;
        int max = LENGTHS[LENGTHS.length - 1];
        InputSpec spec = InputSpec.tokens(max, data.vocabulary(), data.classes());
        ObjectNode out = BenchRunner.JSON.createObjectNode();
        try (NDManager m = NDManager.newBaseManager()) {
            Block soft = ModelZoo.build("text-transformer", ModelArgs.options(softmaxOptions), spec);
            Block lin = ModelZoo.build("text-transformer", ModelArgs.options(linearOptions), spec);
            soft.initialize(m, DataType.FLOAT32, new Shape(batch, max));
            lin.initialize(m, DataType.FLOAT32, new Shape(batch, max));
            List<int[]> texts = realTexts(test);
            NDArray[] inputs = new NDArray[LENGTHS.length];
            double[] filled = new double[LENGTHS.length];
            int next = 0;
            for (int i = 0; i < LENGTHS.length; i++) {
                int n = LENGTHS[i];
                float[] x = new float[batch * n];
                long tokens = 0;
                for (int b = 0; b < batch; b++) {
                    int at = 0;
                    // Whole texts while the next one fits (one longer than the row is cut to it).
                    while (at == 0 || texts.get(next).length <= n - at) {
                        int[] text = texts.get(next);
                        int take = Math.min(text.length, n - at);
                        for (int k = 0; k < take; k++) {
                            x[b * n + at++] = text[k];
                        }
                        next = (next + 1) % texts.size();
                    }
                    tokens += at;
                }
                filled[i] = tokens / (double) (batch * n);
                inputs[i] = m.create(x, new Shape(batch, n));
            }
            List<double[]>[] times = new List[LENGTHS.length];
            for (int i = 0; i < LENGTHS.length; i++) {
                times[i] = new ArrayList<>();
            }
            for (int round = 0; round < warmup + rounds; round++) {
                for (int i = 0; i < LENGTHS.length; i++) {
                    double ts = ForwardTiming.millis(soft, m, inputs[i]) / batch;
                    double tl = ForwardTiming.millis(lin, m, inputs[i]) / batch;
                    if (round >= warmup) {
                        times[i].add(new double[] {ts, tl, ts / tl});
                    }
                }
            }
            out.put("method", "forward time per sequence = batch time / batch; real test texts, whole texts packed"
                    + " then padded (masked); fresh weights for " + max + " positions; softmax and linear"
                    + " interleaved; medians over rounds");
            out.put("softmax_options", String.join(",", softmaxOptions));
            out.put("linear_options", String.join(",", linearOptions));
            out.put("batch", batch);
            out.put("rounds", rounds);
            out.put("warmup_rounds", warmup);
            out.put("threads", threads);
            var rows = out.putArray("rows");
            for (int i = 0; i < LENGTHS.length; i++) {
                Shape one = new Shape(1, LENGTHS[i]);
                Profile ps = Profiler.profile(soft, one);
                Profile pl = Profiler.profile(lin, one);
                ObjectNode row = rows.addObject();
                row.put("tokens", LENGTHS[i]);
                row.put("filled", filled[i]);
                row.put("softmax_macs", ps.total().macs());
                row.put("linear_macs", pl.total().macs());
                row.put("softmax_ms_per_seq", median(times[i], 0));
                row.put("linear_ms_per_seq", median(times[i], 1));
                row.put("softmax_over_linear", median(times[i], 2));
            }
        }
        return out;
    }

    /** The test texts' token ids, padding dropped. */
    private static List<int[]> realTexts(LabelledImages test) {
        List<int[]> texts = new ArrayList<>();
        int per = test.sampleSize();
        float[] all = test.images();
        for (int t = 0; t < test.count(); t++) {
            int[] ids = new int[per];
            int n = 0;
            for (int k = 0; k < per; k++) {
                int id = Math.round(all[t * per + k]);
                if (id != 0) {
                    ids[n++] = id;
                }
            }
            if (n > 0) {
                texts.add(java.util.Arrays.copyOf(ids, n));
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalStateException("the test split has no tokens to time");
        }
        return texts;
    }


    private static double median(List<double[]> rows, int col) {
        return InferenceBench.median(rows.stream().map(r -> r[col]).toList());
    }
}
