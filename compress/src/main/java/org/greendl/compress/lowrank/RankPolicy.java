package org.greendl.compress.lowrank;

/**
 * How many singular values a factorized layer keeps. Use {@link #energy}, {@link #ratio} or {@link #params}.
 */
public sealed interface RankPolicy {

    /** The rank for a matrix with these singular values (descending) and shape m x n. */
    int rank(double[] singularValues, int m, int n);

    /** Smallest rank whose singular values hold this fraction of the squared Frobenius norm, in (0, 1]. */
    static RankPolicy energy(double retained) {
        if (!(retained > 0 && retained <= 1)) {
            throw new IllegalArgumentException("retained energy must be in (0, 1], got " + retained);
        }
        return new Energy(retained);
    }

    /** Rank = ratio x min(m, n), rounded, at least 1; ratio in (0, 1]. */
    static RankPolicy ratio(double ratio) {
        if (!(ratio > 0 && ratio <= 1)) {
            throw new IllegalArgumentException("rank ratio must be in (0, 1], got " + ratio);
        }
        return new Ratio(ratio);
    }

    /** Largest rank whose two factors together hold at most this fraction of the layer's parameters. */
    static RankPolicy params(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("parameter fraction must be in (0, 1), got " + fraction);
        }
        return new Params(fraction);
    }

    record Energy(double retained) implements RankPolicy {
        @Override
        public int rank(double[] s, int m, int n) {
            double total = 0;
            for (double v : s) {
                total += v * v;
            }
            double acc = 0;
            for (int r = 0; r < s.length; r++) {
                acc += s[r] * s[r];
                if (acc >= retained * total - 1e-12 * total) {
                    return r + 1;
                }
            }
            return s.length;
        }
    }

    record Ratio(double ratio) implements RankPolicy {
        @Override
        public int rank(double[] s, int m, int n) {
            return Math.max(1, (int) Math.round(ratio * Math.min(m, n)));
        }
    }

    record Params(double fraction) implements RankPolicy {
        @Override
        public int rank(double[] s, int m, int n) {
            return Math.max(1, (int) Math.floor(fraction * m * (double) n / (m + n)));
        }
    }
}
