package org.greendl.data.text;

import java.util.Arrays;

/**
 * How many tokens a model takes: a fixed {@code L}, or {@code pNN}, the NNth percentile (nearest rank) of the
 * training texts' token counts, so that most texts fit whole and a few long ones do not set the cost of all.
 */
public record SequenceLength(int fixed, double percentile) {
    /** The default: the 95th percentile of the training split. */
    public static final SequenceLength DEFAULT = new SequenceLength(0, 95);
    /** A bound on L, so one huge text in a percentile of few texts cannot ask for gigabytes. */
    public static final int MAX = 65_536;

    public SequenceLength {
        if (fixed < 0 || fixed > MAX || (fixed == 0 && !(percentile > 0 && percentile <= 100))) {
            throw new IllegalArgumentException("sequence length must be 1 to " + MAX + " tokens or pNN with NN in"
                    + " (0, 100], got " + (fixed > 0 ? fixed : "p" + percentile));
        }
    }

    /** {@code 128} or {@code p95} (null or blank: the default). */
    public static SequenceLength parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return DEFAULT;
        }
        String s = setting.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (s.startsWith("p")) {
                return new SequenceLength(0, Double.parseDouble(s.substring(1)));
            }
            return new SequenceLength(Integer.parseInt(s), 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sequence length '" + setting + "' is neither a token count (e.g."
                    + " 128) nor a percentile of the training texts (e.g. p95)");
        }
    }

    /** The length for training texts of {@code counts} tokens each: the fixed one, or the percentile (at least 1). */
    public int choose(int[] counts) {
        if (fixed > 0) {
            return fixed;
        }
        if (counts.length == 0) {
            return 1;
        }
        int[] sorted = counts.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
        return Math.max(1, Math.min(MAX, sorted[Math.max(0, rank - 1)]));
    }

    @Override
    public String toString() {
        if (fixed > 0) {
            return Integer.toString(fixed);
        }
        return percentile == Math.rint(percentile) ? "p" + (long) percentile : "p" + percentile;
    }
}
