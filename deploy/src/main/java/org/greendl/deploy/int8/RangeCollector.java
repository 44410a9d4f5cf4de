package org.greendl.deploy.int8;

/**
 * Collects what calibration needs about one tensor: min and max in a first pass, then (for percentile and
 * entropy) histograms of x over [min, max] and of |x| over [0, max |x|].
 */
final class RangeCollector {
    static final int BINS = 2048;
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    long[] hist;
    long[] absHist;
    long count;

    void observeMinMax(float[] v) {
        for (float x : v) {
            if (x < min) {
                min = x;
            }
            if (x > max) {
                max = x;
            }
        }
    }

    void observeHistogram(float[] v) {
        if (hist == null) {
            hist = new long[BINS];
            absHist = new long[BINS];
        }
        float width = (max - min) / BINS;
        float absMax = absMax();
        float absWidth = absMax / BINS;
        for (float x : v) {
            hist[bin(x - min, width)]++;
            if (x != 0f) {
                // Exact zeros (most ReLU outputs) would dominate the first bin and pull the KL threshold down.
                absHist[bin(Math.abs(x), absWidth)]++;
            }
        }
        count += v.length;
    }

    float absMax() {
        return Math.max(Math.abs(min), Math.abs(max));
    }

    private static int bin(float offset, float width) {
        if (!(width > 0)) {
            return 0;
        }
        int b = (int) (offset / width);
        return Math.max(0, Math.min(BINS - 1, b));
    }

    Range range(CalibrationMethod method, double percentile) {
        if (!(max >= min)) {
            return new Range(0f, 0f);
        }
        return switch (method) {
            case MINMAX -> new Range(min, max);
            case PERCENTILE -> percentile(percentile);
            case ENTROPY -> entropy();
        };
    }

    private Range percentile(double p) {
        float width = (max - min) / BINS;
        long lowTarget = (long) Math.floor(count * (100 - p) / 100);
        long highTarget = (long) Math.ceil(count * p / 100);
        long acc = 0;
        float lo = min;
        float hi = max;
        boolean loSet = false;
        for (int i = 0; i < BINS; i++) {
            acc += hist[i];
            if (!loSet && acc > lowTarget) {
                lo = min + i * width;
                loSet = true;
            }
            if (acc >= highTarget) {
                hi = min + (i + 1) * width;
                break;
            }
        }
        return new Range(min >= 0 ? min : lo, Math.min(max, hi));
    }

    /** TensorRT's KL-divergence threshold on the |x| histogram. */
    private Range entropy() {
        int levels = min >= 0 ? 256 : 128;
        double bestKl = Double.POSITIVE_INFINITY;
        int best = BINS;
        for (int i = levels; i <= BINS; i++) {
            double[] p = new double[i];
            for (int k = 0; k < i; k++) {
                p[k] = absHist[k];
            }
            for (int k = i; k < BINS; k++) {
                p[i - 1] += absHist[k];
            }
            double[] q = new double[i];
            for (int j = 0; j < levels; j++) {
                int start = (int) ((long) j * i / levels);
                int end = (int) ((long) (j + 1) * i / levels);
                double total = 0;
                int nonZero = 0;
                for (int k = start; k < end; k++) {
                    total += absHist[k];
                    if (absHist[k] != 0) {
                        nonZero++;
                    }
                }
                for (int k = start; k < end; k++) {
                    if (absHist[k] != 0) {
                        q[k] = total / nonZero;
                    }
                }
            }
            double kl = kl(p, q);
            if (kl < bestKl) {
                bestKl = kl;
                best = i;
            }
        }
        float threshold = best * absMax() / BINS;
        return new Range(Math.max(min, -threshold), Math.min(max, threshold));
    }

    private static double kl(double[] p, double[] q) {
        double ps = 0;
        double qs = 0;
        for (int i = 0; i < p.length; i++) {
            ps += p[i];
            qs += q[i];
        }
        if (ps == 0 || qs == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double kl = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] > 0) {
                double pi = p[i] / ps;
                double qi = Math.max(q[i] / qs, 1e-12);
                kl += pi * Math.log(pi / qi);
            }
        }
        return kl;
    }
}
