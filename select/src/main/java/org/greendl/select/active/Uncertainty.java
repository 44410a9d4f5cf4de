package org.greendl.select.active;

/**
 * Uncertainty scores over a probability matrix {@code p[example][class]} (rows sum to 1). Every score is
 * "higher = more informative", so a query takes the top k.
 */
public final class Uncertainty {
    private static final double TINY = 1e-12;

    private Uncertainty() {}

    /** Least confidence (Lewis and Gale 1994): {@code 1 - max_c p_c}. */
    public static double[] leastConfidence(float[][] p) {
        double[] s = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            s[i] = 1.0 - top2(p[i])[0];
        }
        return s;
    }

    /** Margin (Scheffer et al. 2001): {@code 1 - (p_top1 - p_top2)}, so a small margin scores high. */
    public static double[] margin(float[][] p) {
        double[] s = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            double[] t = top2(p[i]);
            s[i] = 1.0 - (t[0] - t[1]);
        }
        return s;
    }

    /** Predictive entropy (Shannon), in nats. */
    public static double[] entropy(float[][] p) {
        double[] s = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            s[i] = entropyOf(p[i]);
        }
        return s;
    }

    /**
     * BALD (Houlsby et al. 2011; Gal, Islam and Ghahramani 2017) from T stochastic passes {@code p[t][example][class]}:
     * the mutual information between the prediction and the model, {@code H(mean_t p_t) - mean_t H(p_t)}.
     */
    public static double[] bald(float[][][] passes) {
        if (passes.length == 0) {
            throw new IllegalArgumentException("BALD needs at least one stochastic pass");
        }
        int n = passes[0].length;
        int classes = n == 0 ? 0 : passes[0][0].length;
        double[] s = new double[n];
        double[] mean = new double[classes];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(mean, 0);
            double meanEntropy = 0;
            for (float[][] pass : passes) {
                float[] row = pass[i];
                for (int c = 0; c < classes; c++) {
                    mean[c] += row[c];
                }
                meanEntropy += entropyOf(row);
            }
            double h = 0;
            for (int c = 0; c < classes; c++) {
                double m = mean[c] / passes.length;
                if (m > TINY) {
                    h -= m * Math.log(m);
                }
            }
            // Clamp tiny negative values left by rounding: mutual information is never negative.
            s[i] = Math.max(0, h - meanEntropy / passes.length);
        }
        return s;
    }

    static double entropyOf(float[] row) {
        double h = 0;
        for (float v : row) {
            if (v > TINY) {
                h -= v * Math.log(v);
            }
        }
        return h;
    }

    /** The largest and second-largest values of a row. */
    static double[] top2(float[] row) {
        double first = Double.NEGATIVE_INFINITY;
        double second = Double.NEGATIVE_INFINITY;
        for (float v : row) {
            if (v > first) {
                second = first;
                first = v;
            } else if (v > second) {
                second = v;
            }
        }
        return new double[] {first, row.length > 1 ? second : 0};
    }
}
