package org.greendl.select.scoring;

/**
 * Per-example difficulty scores from predicted probabilities {@code p[example][class]} and true labels.
 * Higher = harder.
 */
public final class ExampleScores {
    private static final double TINY = 1e-12;

    private ExampleScores() {}

    /** EL2N (Paul, Ganguli and Dziugaite 2021): {@code || p - onehot(y) ||_2}, in [0, sqrt(2)]. */
    public static double[] el2n(float[][] p, int[] labels) {
        check(p, labels);
        double[] s = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double sum = 0;
            for (int c = 0; c < p[i].length; c++) {
                double d = p[i][c] - (c == labels[i] ? 1 : 0);
                sum += d * d;
            }
            s[i] = Math.sqrt(sum);
        }
        return s;
    }

    /** Cross-entropy loss {@code -log p_y}. */
    public static double[] loss(float[][] p, int[] labels) {
        check(p, labels);
        double[] s = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            s[i] = -Math.log(Math.max(TINY, p[i][labels[i]]));
        }
        return s;
    }

    /** Element-wise mean of several score vectors (e.g. EL2N over several seeds, as the paper averages). */
    public static double[] mean(double[]... runs) {
        if (runs.length == 0) {
            throw new IllegalArgumentException("nothing to average");
        }
        double[] m = new double[runs[0].length];
        for (double[] r : runs) {
            if (r.length != m.length) {
                throw new IllegalArgumentException("score vectors differ in length: " + r.length + " vs " + m.length);
            }
            for (int i = 0; i < m.length; i++) {
                m[i] += r[i] / runs.length;
            }
        }
        return m;
    }

    private static void check(float[][] p, int[] labels) {
        if (p.length != labels.length) {
            throw new IllegalArgumentException(p.length + " probability rows for " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= p[i].length) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside 0.."
                        + (p[i].length - 1));
            }
        }
    }
}
