package org.greendl.benchmarks.text;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.greendl.nn.ForwardTiming;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;

/**
 * The whole text-transformer (zoo defaults: width 64, 4 heads, 2 layers) with softmax and with linear attention,
 * forward time per sequence at 64 to 1,024 tokens, interleaved softmax, linear, softmax, linear ... in every
 * round. Inputs are generated token ids: each text fills a random 50-100 % of the length, the rest is padding
 * (id 0, masked). Random weights: time does not depend on them.
 */
public final class TextAttentionScaling {
    static final int[] LENGTHS = {64, 128, 256, 512, 1024};
    static final int VOCABULARY = 8000;
    static final int CLASSES = 10;

    public static void main(String[] args) throws Exception {
        int repeats = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        Path csv = Path.of(args[2]);
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", -1);
        int max = LENGTHS[LENGTHS.length - 1];
        InputSpec spec = InputSpec.tokens(max, VOCABULARY, CLASSES);
        try (NDManager m = NDManager.newBaseManager()) {
            Block soft = ModelZoo.build("text-transformer", Map.of("attention", "softmax"), spec);
            Block lin = ModelZoo.build("text-transformer", Map.of("attention", "linear"), spec);
            soft.initialize(m, DataType.FLOAT32, new Shape(batch, max));
            lin.initialize(m, DataType.FLOAT32, new Shape(batch, max));
            Random r = new Random(7);
            long[][] macs = new long[LENGTHS.length][4];
            NDArray[] inputs = new NDArray[LENGTHS.length];
            double[] fill = new double[LENGTHS.length];
            for (int i = 0; i < LENGTHS.length; i++) {
                int n = LENGTHS[i];
                Shape one = new Shape(1, n);
                Profile ps = Profiler.profile(soft, one);
                Profile pl = Profiler.profile(lin, one);
                macs[i] = new long[] {ps.total().macs(), pl.total().macs(), mixing(ps), mixing(pl)};
                float[] ids = new float[batch * n];
                long tokens = 0;
                for (int b = 0; b < batch; b++) {
                    int length = n / 2 + r.nextInt(n / 2 + 1);
                    for (int t = 0; t < length; t++) {
                        ids[b * n + t] = 2 + r.nextInt(VOCABULARY - 2);
                    }
                    tokens += length;
                }
                fill[i] = tokens / (double) (batch * n);
                inputs[i] = m.create(ids, new Shape(batch, n));
            }
            List<double[]>[] times = new List[LENGTHS.length];
            for (int i = 0; i < LENGTHS.length; i++) {
                times[i] = new ArrayList<>();
            }
            int warmup = 2;
            for (int round = 0; round < warmup + repeats; round++) {
                for (int i = 0; i < LENGTHS.length; i++) {
                    double ts = ForwardTiming.millis(soft, m, inputs[i]) / batch;
                    double tl = ForwardTiming.millis(lin, m, inputs[i]) / batch;
                    if (round >= warmup) {
                        times[i].add(new double[] {ts, tl});
                    }
                }
            }
            System.out.printf(Locale.ROOT, "text-transformer softmax vs linear attention: width 64, 4 heads, 2 layers,"
                    + " batch %d, %d intra-op threads, median of %d interleaved rounds after %d warm-up%n", batch,
                    threads, repeats, warmup);
            System.out.printf(Locale.ROOT, "%7s %6s %14s %14s %14s %14s %11s %11s %9s%n", "tokens", "filled",
                    "softmax MACs", "linear MACs", "soft mixing", "lin mixing", "soft ms/seq", "lin ms/seq", "soft/lin");
            StringBuilder out = new StringBuilder("tokens,filled,softmax_macs,linear_macs,softmax_mixing_macs,"
                    + "linear_mixing_macs,softmax_ms_per_seq,linear_ms_per_seq,softmax_over_linear\n");
            for (int i = 0; i < LENGTHS.length; i++) {
                double s = median(times[i], 0);
                double l = median(times[i], 1);
                double ratio = median(times[i].stream().map(t -> new double[] {t[0] / t[1]}).toList(), 0);
                System.out.printf(Locale.ROOT, "%7d %6.2f %,14d %,14d %,14d %,14d %11.3f %11.3f %9.2f%n", LENGTHS[i],
                        fill[i], macs[i][0], macs[i][1], macs[i][2], macs[i][3], s, l, ratio);
                out.append(String.format(Locale.ROOT, "%d,%.3f,%d,%d,%d,%d,%.4f,%.4f,%.3f%n", LENGTHS[i], fill[i],
                        macs[i][0], macs[i][1], macs[i][2], macs[i][3], s, l, ratio));
            }
            Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
            Files.writeString(tmp, out);
            Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** MACs of the token-mixing rows (Q K^T and A V, or linear attention's three products). */
    static long mixing(Profile p) {
        return p.layers().stream().filter(l -> l.type().startsWith("attention-")).mapToLong(l -> l.macs()).sum();
    }


    static double median(List<double[]> rows, int col) {
        double[] v = rows.stream().mapToDouble(r -> r[col]).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
