package org.greendl.compress.prune;

/**
 * Zhu and Gupta's gradual pruning schedule (2017): sparsity rises from {@code initial} to {@code target} as
 * s(t) = s_f + (s_i - s_f) (1 - (t - t0) / (n dt))^3 over the steps [start, end], pruning every
 * {@code frequency} steps; fast at first, when many redundant weights remain, slow near the target.
 */
public record CubicSchedule(double initial, double target, long start, long end, long frequency) {
    public CubicSchedule {
        MagnitudePruningConfig.checkSparsity(initial);
        MagnitudePruningConfig.checkSparsity(target);
        if (start < 0 || end < start || frequency < 1) {
            throw new IllegalArgumentException("pruning schedule needs 0 <= start <= end and frequency >= 1, got start="
                    + start + " end=" + end + " frequency=" + frequency);
        }
    }

    /** The sparsity to hold at step t (0-based optimizer steps). */
    public double sparsityAt(long t) {
        if (t < start) {
            return initial;
        }
        if (t >= end || end == start) {
            return target;
        }
        long steps = (t - start) / frequency * frequency; // sparsity changes only on pruning steps
        double progress = (double) steps / (end - start);
        return target + (initial - target) * Math.pow(1 - progress, 3);
    }

    /** Whether masks are recomputed at step t. */
    public boolean isPruningStep(long t) {
        return t >= start && t <= end && ((t - start) % frequency == 0 || t == end);
    }
}
