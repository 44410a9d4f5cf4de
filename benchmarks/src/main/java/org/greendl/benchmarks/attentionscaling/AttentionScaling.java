package org.greendl.benchmarks.attentionscaling;

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
import org.greendl.nn.ForwardTiming;
import org.greendl.nn.attention.LinearAttention;
import org.greendl.nn.attention.SoftmaxAttention;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;

/** Times softmax and linear attention blocks side by side at growing sequence lengths. */
public final class AttentionScaling {
    static final int[] LENGTHS = {64, 128, 256, 512, 1024};
    static final int DIM = 128;
    static final int HEADS = 4;

    public static void main(String[] args) throws Exception {
        int repeats = Integer.parseInt(args[0]);
        Path csv = Path.of(args[1]);
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", -1);
        try (NDManager m = NDManager.newBaseManager()) {
            Block soft = SoftmaxAttention.builder().setEmbedDim(DIM).setHeads(HEADS).build();
            Block lin = LinearAttention.builder().setEmbedDim(DIM).setHeads(HEADS).build();
            soft.initialize(m, DataType.FLOAT32, new Shape(1, LENGTHS[0], DIM));
            lin.initialize(m, DataType.FLOAT32, new Shape(1, LENGTHS[0], DIM));
            long[][] macs = new long[LENGTHS.length][2];
            long[][] mixMacs = new long[LENGTHS.length][2];
            NDArray[] inputs = new NDArray[LENGTHS.length];
            for (int i = 0; i < LENGTHS.length; i++) {
                Shape s = new Shape(1, LENGTHS[i], DIM);
                Profile ps = Profiler.profile(soft, s);
                Profile pl = Profiler.profile(lin, s);
                macs[i] = new long[] {ps.total().macs(), pl.total().macs()};
                mixMacs[i] = new long[] {mixing(ps), mixing(pl)};
                inputs[i] = m.randomNormal(s);
            }
            List<double[]>[] times = new List[LENGTHS.length];
            for (int i = 0; i < LENGTHS.length; i++) {
                times[i] = new ArrayList<>();
            }
            int warmup = 3;
            for (int r = 0; r < warmup + repeats; r++) {
                for (int i = 0; i < LENGTHS.length; i++) {
                    double ts = ForwardTiming.millis(soft, m, inputs[i]);
                    double tl = ForwardTiming.millis(lin, m, inputs[i]);
                    if (r >= warmup) {
                        times[i].add(new double[] {ts, tl});
                    }
                }
            }
            StringBuilder out = new StringBuilder("tokens,softmax_macs,linear_macs,softmax_mixing_macs,"
                    + "linear_mixing_macs,softmax_ms,linear_ms,softmax_over_linear\n");
            System.out.printf(Locale.ROOT, "softmax vs linear attention: batch 1, D=%d, %d heads, %d threads,"
                    + " median of %d interleaved runs after %d warm-up%n", DIM, HEADS, threads, repeats, warmup);
            System.out.printf(Locale.ROOT, "%7s %15s %15s %12s %12s %10s%n", "tokens", "softmax MACs", "linear MACs",
                    "softmax ms", "linear ms", "soft/lin");
            double[] medS = new double[LENGTHS.length];
            double[] medL = new double[LENGTHS.length];
            for (int i = 0; i < LENGTHS.length; i++) {
                medS[i] = median(times[i], 0);
                medL[i] = median(times[i], 1);
                double ratio = median(times[i].stream().map(t -> new double[] {t[0] / t[1]}).toList(), 0);
                System.out.printf(Locale.ROOT, "%7d %,15d %,15d %12.3f %12.3f %10.2f%n", LENGTHS[i], macs[i][0],
                        macs[i][1], medS[i], medL[i], ratio);
                out.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%.4f,%.4f,%.3f%n", LENGTHS[i], macs[i][0],
                        macs[i][1], mixMacs[i][0], mixMacs[i][1], medS[i], medL[i], ratio));
            }
            int a = LENGTHS.length - 2;
            int b = LENGTHS.length - 1;
            System.out.printf(Locale.ROOT, "growth exponent, least squares on log time vs log length over all"
                    + " lengths: softmax %.2f, linear %.2f; from %d to %d tokens: softmax %.2f, linear %.2f;"
                    + " token-mixing MACs: softmax %.2f, linear %.2f%n", fit(medS), fit(medL), LENGTHS[a],
                    LENGTHS[b], slope(medS[a], medS[b], a, b), slope(medL[a], medL[b], a, b),
                    slope(mixMacs[a][0], mixMacs[b][0], a, b), slope(mixMacs[a][1], mixMacs[b][1], a, b));
            Path tmp = csv.resolveSibling(csv.getFileName() + ".tmp");
            Files.writeString(tmp, out);
            Files.move(tmp, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** MACs of the token-mixing rows only (not the Q/K/V and output projections). */
    static long mixing(Profile p) {
        return p.layers().stream().filter(l -> l.type().startsWith("attention-")).mapToLong(l -> l.macs()).sum();
    }

    /** Least-squares slope of log y against log length. */
    static double fit(double[] y) {
        int n = y.length;
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.log(LENGTHS[i]);
            double v = Math.log(y[i]);
            sx += x;
            sy += v;
            sxx += x * x;
            sxy += x * v;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    static double slope(double y0, double y1, int i0, int i1) {
        return Math.log(y1 / y0) / Math.log((double) LENGTHS[i1] / LENGTHS[i0]);
    }


    static double median(List<double[]> rows, int col) {
        double[] v = rows.stream().mapToDouble(r -> r[col]).toArray();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
