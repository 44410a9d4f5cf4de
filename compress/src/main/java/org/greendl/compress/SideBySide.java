package org.greendl.compress;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;

/**
 * Inference latency of two models measured side by side, interleaved A B A B so that the machine's noise
 * (other processes, CPU steal, frequency changes) hits both alike; medians and their ratio B/A.
 */
public final class SideBySide {
    private SideBySide() {}

    public record Result(double medianMillisA, double medianMillisB, double ratio, int rounds, long[] nanosA,
            long[] nanosB) {}

    public static Result compare(Block a, Block b, Shape input, int warmup, int rounds) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(input);
            for (int i = 0; i < warmup; i++) {
                once(a, m, x);
                once(b, m, x);
            }
            long[] ta = new long[rounds];
            long[] tb = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                // alternate which goes first, so neither always runs on a warm cache
                if (i % 2 == 0) {
                    ta[i] = once(a, m, x);
                    tb[i] = once(b, m, x);
                } else {
                    tb[i] = once(b, m, x);
                    ta[i] = once(a, m, x);
                }
            }
            double ma = median(ta) / 1e6;
            double mb = median(tb) / 1e6;
            return new Result(ma, mb, mb / ma, rounds, ta, tb);
        }
    }

    private static long once(Block block, NDManager parent, NDArray x) {
        try (NDManager m = parent.newSubManager()) {
            long t0 = System.nanoTime();
            NDArray y = block.forward(new ParameterStore(m, false), new NDList(x), false).head();
            y.toFloatArray(); // wait for the result
            return System.nanoTime() - t0;
        }
    }

    static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
