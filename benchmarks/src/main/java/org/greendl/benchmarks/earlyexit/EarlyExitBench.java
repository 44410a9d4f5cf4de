package org.greendl.benchmarks.earlyexit;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.greendl.nn.earlyexit.EarlyExitCosts;
import org.greendl.nn.earlyexit.EarlyExitLoss;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.profile.Profiler;

/** Trains cnn and early-exit-cnn alike, then compares accuracy and MACs per image on the test set. */
public final class EarlyExitBench {
    static final int BATCH = 128;
    static final float LR = 1e-3f;
    static final long SEED = 7;
    static final float[] THRESHOLDS = {2f, 0.99f, 0.95f, 0.9f, 0.8f};

    record Data(float[] x, int[] y, int n) {
        /** The first {@code limit} examples (a quicker run). */
        Data first(int limit) {
            return limit >= n ? this : new Data(x, y, limit);
        }

        float[] images(int[] idx, int from, int size) {
            float[] out = new float[size * 784];
            for (int i = 0; i < size; i++) {
                System.arraycopy(x, idx[from + i] * 784, out, i * 784, 784);
            }
            return out;
        }

        float[] labels(int[] idx, int from, int size) {
            float[] out = new float[size];
            for (int i = 0; i < size; i++) {
                out[i] = y[idx[from + i]];
            }
            return out;
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int epochs = Integer.parseInt(args[1]);
        Path out = Path.of(args[2]);
        int limit = Integer.parseInt(args[3]);
        Data train = read(dir, "train").first(limit);
        Data test = read(dir, "t10k");
        int threads = Integer.getInteger("ai.djl.pytorch.num_threads", -1);
        System.out.printf(Locale.ROOT, "Fashion-MNIST %d train / %d test; %d epochs, batch %d, Adam %.0e, seed %d,"
                + " %d threads%n", train.n(), test.n(), epochs, BATCH, LR, SEED, threads);
        StringBuilder json = new StringBuilder("{\n");
        json.append(String.format(Locale.ROOT, "  \"train_images\": %d, \"epochs\": %d, \"batch\": %d, \"lr\": %s,"
                + " \"seed\": %d, \"threads\": %d,%n", train.n(), epochs, BATCH, LR, SEED, threads));

        Block cnn = ModelZoo.build("cnn");
        EarlyExitNet ee = (EarlyExitNet) ModelZoo.build("early-exit-cnn");
        try (Model mc = Model.newInstance("cnn"); Model me = Model.newInstance("early-exit-cnn")) {
            mc.setBlock(cnn);
            me.setBlock(ee);
            try (Trainer tc = trainer(mc, Loss.softmaxCrossEntropyLoss());
                    Trainer te = trainer(me, new EarlyExitLoss())) {
                for (int e = 0; e < epochs; e++) {
                    // the two models see the same batches in the same order; their epochs alternate
                    int[] order = shuffled(train.n(), SEED + e);
                    long t0 = System.nanoTime();
                    double lc = epoch(tc, train, order);
                    long t1 = System.nanoTime();
                    double le = epoch(te, train, order);
                    long t2 = System.nanoTime();
                    System.out.printf(Locale.ROOT, "epoch %d: cnn loss %.4f (%.0f s), early-exit joint loss %.4f"
                            + " (%.0f s)%n", e + 1, lc, (t1 - t0) / 1e9, le, (t2 - t1) / 1e9);
                }
                Shape one = new Shape(1, 1, 28, 28);
                long cnnMacs = Profiler.profile(cnn, one).total().macs();
                long[] cum = EarlyExitCosts.cumulativeMacs(ee, one);
                NDManager m = tc.getManager();
                double cnnAcc = accuracy(cnn, m, test);
                System.out.printf(Locale.ROOT, "cnn: test accuracy %.4f, %,d MACs/image%n", cnnAcc, cnnMacs);
                System.out.printf(Locale.ROOT, "early-exit-cnn MACs when leaving at exit 0/1/final: %,d / %,d / %,d%n",
                        cum[0], cum[1], cum[2]);
                json.append(String.format(Locale.ROOT, "  \"cnn\": {\"test_accuracy\": %.4f, \"macs_per_image\": %d},%n",
                        cnnAcc, cnnMacs));
                json.append("  \"early_exit_cumulative_macs\": ").append(Arrays.toString(cum)).append(",\n");
                json.append("  \"thresholds\": [\n");
                System.out.printf(Locale.ROOT, "%10s %9s %8s %22s %16s %10s%n", "threshold", "accuracy", "vs cnn",
                        "exits (0 / 1 / final)", "MACs/image", "vs cnn");
                for (int t = 0; t < THRESHOLDS.length; t++) {
                    ee.setThreshold(THRESHOLDS[t]);
                    ee.resetExitCounts();
                    double acc = accuracy(ee, m, test);
                    long[] counts = ee.exitCounts();
                    double macs = EarlyExitCosts.totalMacs(cum, counts) / (double) test.n();
                    System.out.printf(Locale.ROOT, "%10s %9.4f %+8.2f %22s %,16.0f %9.1f%%%n",
                            THRESHOLDS[t] > 1 ? "never" : Float.toString(THRESHOLDS[t]), acc, 100 * (acc - cnnAcc),
                            counts[0] + " / " + counts[1] + " / " + counts[2], macs, 100 * macs / cnnMacs);
                    json.append(String.format(Locale.ROOT, "    {\"threshold\": %s, \"test_accuracy\": %.4f,"
                            + " \"exit_counts\": %s, \"macs_per_image\": %.0f}%s%n",
                            THRESHOLDS[t] > 1 ? "null" : Float.toString(THRESHOLDS[t]), acc, Arrays.toString(counts),
                            macs, t < THRESHOLDS.length - 1 ? "," : ""));
                }
                json.append("  ],\n");
                // Wall time of a test pass, cnn vs early exit at 0.95 and 0.99, interleaved (A B C A B C ...),
                // median of TIME_REPS after one warm-up round.
                int reps = Integer.getInteger("timeReps", 5);
                List<double[]> times = new ArrayList<>();
                for (int r = 0; r <= reps; r++) {
                    double a = timed(cnn, m, test);
                    ee.setThreshold(0.99f);
                    double b = timed(ee, m, test);
                    ee.setThreshold(0.95f);
                    double c = timed(ee, m, test);
                    if (r > 0) {
                        times.add(new double[] {a, b, c, b / a, c / a});
                    }
                }
                double[] med = new double[5];
                for (int k = 0; k < 5; k++) {
                    final int col = k;
                    double[] v = times.stream().mapToDouble(row -> row[col]).sorted().toArray();
                    med[k] = v[v.length / 2];
                }
                System.out.printf(Locale.ROOT, "test-pass time (10,000 images, batch 256, median of %d interleaved):"
                        + " cnn %.2f s, early exit 0.99 %.2f s (ratio %.2f), 0.95 %.2f s (ratio %.2f)%n", reps, med[0],
                        med[1], med[3], med[2], med[4]);
                json.append(String.format(Locale.ROOT, "  \"test_pass_seconds\": {\"cnn\": %.3f, \"early_exit_0.99\":"
                        + " %.3f, \"early_exit_0.95\": %.3f, \"ratio_0.99\": %.3f, \"ratio_0.95\": %.3f}%n}%n",
                        med[0], med[1], med[2], med[3], med[4]));
            }
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(tmp, json);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Trainer trainer(Model model, Loss loss) {
        DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(LR)).build());
        Trainer t = model.newTrainer(config);
        t.initialize(new Shape(BATCH, 1, 28, 28));
        return t;
    }

    static double epoch(Trainer trainer, Data d, int[] order) {
        double sum = 0;
        int steps = d.n() / BATCH;
        for (int s = 0; s < steps; s++) {
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDArray x = scope.create(d.images(order, s * BATCH, BATCH), new Shape(BATCH, 1, 28, 28));
                NDArray y = scope.create(d.labels(order, s * BATCH, BATCH), new Shape(BATCH));
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList pred = trainer.forward(new NDList(x));
                    NDArray l = trainer.getLoss().evaluate(new NDList(y), pred);
                    sum += l.getFloat();
                    gc.backward(l);
                }
                trainer.step();
            }
        }
        return sum / steps;
    }

    static double accuracy(Block b, NDManager m, Data d) {
        int[] idx = new int[d.n()];
        Arrays.setAll(idx, i -> i);
        long correct = 0;
        int batch = 256;
        for (int from = 0; from < d.n(); from += batch) {
            int size = Math.min(batch, d.n() - from);
            try (NDManager scope = m.newSubManager()) {
                NDArray x = scope.create(d.images(idx, from, size), new Shape(size, 1, 28, 28));
                NDArray logits = b.forward(new ParameterStore(scope, false), new NDList(x), false).singletonOrThrow();
                long[] pred = logits.argMax(1).toType(DataType.INT64, false).toLongArray();
                for (int i = 0; i < size; i++) {
                    correct += pred[i] == d.y()[from + i] ? 1 : 0;
                }
            }
        }
        return correct / (double) d.n();
    }

    static double timed(Block b, NDManager m, Data d) {
        long t0 = System.nanoTime();
        accuracy(b, m, d);
        return (System.nanoTime() - t0) / 1e9;
    }

    static int[] shuffled(int n, long seed) {
        int[] a = new int[n];
        Arrays.setAll(a, i -> i);
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    static Data read(Path dir, String split) throws IOException {
        try (DataInputStream im = open(dir.resolve(split + "-images-idx3-ubyte.gz"));
                DataInputStream lb = open(dir.resolve(split + "-labels-idx1-ubyte.gz"))) {
            if (im.readInt() != 2051 || lb.readInt() != 2049) {
                throw new IOException("not Fashion-MNIST IDX files in " + dir);
            }
            int n = im.readInt();
            lb.readInt();
            int pixels = im.readInt() * im.readInt();
            byte[] raw = new byte[n * pixels];
            im.readFully(raw);
            byte[] labels = new byte[n];
            lb.readFully(labels);
            float[] x = new float[raw.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = ((raw[i] & 0xff) / 255f - 0.286f) / 0.353f;
            }
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = labels[i];
            }
            return new Data(x, y, n);
        }
    }

    static DataInputStream open(Path p) throws IOException {
        return new DataInputStream(new BufferedInputStream(new GZIPInputStream(Files.newInputStream(p), 1 << 16),
                1 << 16));
    }
}
