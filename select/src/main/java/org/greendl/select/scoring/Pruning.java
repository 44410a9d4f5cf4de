package org.greendl.select.scoring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** Which examples to keep given their scores (higher = harder). */
public final class Pruning {
    /**
     * {@code hardest}: the highest scores (the EL2N paper's choice, good with plenty of data); {@code easiest}: the
     * lowest (Sorscher et al. 2022: better when data is scarce); {@code stratified}: the same number from each of
     * {@value #STRATA} equal-width score bands, small bands kept whole (coverage-centric coreset selection, Zheng
     * et al. 2023), so easy, middle and hard examples all stay.
     */
    public static final List<String> POLICIES = List.of("hardest", "easiest", "stratified");

    /** Score bands of the {@code stratified} policy (the CCS paper's default). */
    public static final int STRATA = 50;

    private Pruning() {}

    /**
     * Keeps a {@code keep} fraction by {@code policy}, after dropping the hardest {@code skipHardest} fraction;
     * with {@code classBalanced} the same is done within every class (labels given per position), so each class
     * keeps its share.
     *
     * @return positions into {@code scores}, ascending
     */
    public static int[] keep(double[] scores, int[] labels, double keep, double skipHardest, String policy,
            boolean classBalanced, Random random) {
        if (!POLICIES.contains(policy)) {
            throw new IllegalArgumentException("unknown policy '" + policy + "' (expected one of "
                    + String.join(", ", POLICIES) + ")");
        }
        if (labels.length != scores.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + labels.length + " labels");
        }
        if (!classBalanced) {
            return keepBy(scores, keep, skipHardest, policy, random);
        }
        Map<Integer, List<Integer>> byClass = new TreeMap<>();
        for (int i = 0; i < labels.length; i++) {
            byClass.computeIfAbsent(labels[i], c -> new ArrayList<>()).add(i);
        }
        List<Integer> out = new ArrayList<>();
        for (List<Integer> positions : byClass.values()) {
            double[] sub = new double[positions.size()];
            for (int i = 0; i < sub.length; i++) {
                sub[i] = scores[positions.get(i)];
            }
            for (int k : keepBy(sub, keep, skipHardest, policy, random)) {
                out.add(positions.get(k));
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static int[] keepBy(double[] scores, double keep, double skipHardest, String policy, Random random) {
        return switch (policy) {
            case "hardest" -> keepHardest(scores, keep, skipHardest);
            case "easiest" -> keepEasiest(scores, keep, skipHardest);
            default -> keepStratified(scores, keep, skipHardest, STRATA, random);
        };
    }

    /** The lowest-scored {@code keep} fraction among all but the hardest {@code skipHardest}, positions ascending. */
    public static int[] keepEasiest(double[] scores, double keep, double skipHardest) {
        checkFraction("keep", keep, false);
        checkFraction("skip", skipHardest, true);
        int n = scores.length;
        int kept = (int) Math.round(keep * n);
        checkFits(kept, (int) Math.round(skipHardest * n), n, keep, skipHardest);
        int[] out = Arrays.copyOf(easyToHard(scores), kept);
        Arrays.sort(out);
        return out;
    }

    /**
     * Coverage-centric selection: drops the hardest {@code skipHardest}, cuts the remaining score range into
     * {@code strata} equal-width bands and spreads the budget evenly over them, smallest band first (a band
     * smaller than its share is kept whole, its unused share goes to the others); random within a band.
     */
    public static int[] keepStratified(double[] scores, double keep, double skipHardest, int strata, Random random) {
        checkFraction("keep", keep, false);
        checkFraction("skip", skipHardest, true);
        int n = scores.length;
        int kept = (int) Math.round(keep * n);
        int skipped = (int) Math.round(skipHardest * n);
        checkFits(kept, skipped, n, keep, skipHardest);
        int[] candidates = Arrays.copyOf(easyToHard(scores), n - skipped);
        if (candidates.length == 0 || kept == 0) {
            return new int[0];
        }
        double lo = scores[candidates[0]];
        double hi = scores[candidates[candidates.length - 1]];
        List<List<Integer>> bands = new ArrayList<>();
        for (int b = 0; b < strata; b++) {
            bands.add(new ArrayList<>());
        }
        for (int p : candidates) {
            int b = hi > lo ? (int) Math.min(strata - 1, Math.floor((scores[p] - lo) / (hi - lo) * strata)) : 0;
            bands.get(b).add(p);
        }
        bands.removeIf(List::isEmpty);
        bands.sort(Comparator.comparingInt(List::size));
        int[] out = new int[kept];
        int filled = 0;
        for (int b = 0; b < bands.size(); b++) {
            List<Integer> band = new ArrayList<>(bands.get(b));
            int share = Math.min(band.size(), (kept - filled) / (bands.size() - b));
            if (b == bands.size() - 1) {
                share = Math.min(band.size(), kept - filled);
            }
            java.util.Collections.shuffle(band, random);
            for (int i = 0; i < share; i++) {
                out[filled++] = band.get(i);
            }
        }
        out = Arrays.copyOf(out, filled);
        Arrays.sort(out);
        return out;
    }

    private static int[] easyToHard(double[] scores) {
        return IntStream.range(0, scores.length).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> scores[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    private static void checkFits(int kept, int skipped, int n, double keep, double skipHardest) {
        if (kept + skipped > n) {
            throw new IllegalArgumentException("cannot keep " + keep + " and skip " + skipHardest
                    + " of the data (more than all of it)");
        }
    }

    /**
     * Keeps the hardest {@code keep} fraction after skipping the hardest {@code skipHardest} fraction (the EL2N
     * paper drops a few of the very hardest at strong pruning: they are often mislabelled).
     *
     * @return positions into {@code scores}, ascending
     */
    public static int[] keepHardest(double[] scores, double keep, double skipHardest) {
        checkFraction("keep", keep, false);
        checkFraction("skip", skipHardest, true);
        int n = scores.length;
        int kept = (int) Math.round(keep * n);
        int skipped = (int) Math.round(skipHardest * n);
        if (kept + skipped > n) {
            throw new IllegalArgumentException("cannot keep " + keep + " and skip " + skipHardest
                    + " of the data (more than all of it)");
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
        int[] out = new int[kept];
        for (int i = 0; i < kept; i++) {
            out[i] = order[skipped + i];
        }
        Arrays.sort(out);
        return out;
    }

    /** A uniform random {@code keep} fraction (the baseline pruning must beat), positions ascending. */
    public static int[] keepRandom(int n, double keep, java.util.Random random) {
        checkFraction("keep", keep, false);
        int kept = (int) Math.round(keep * n);
        int[] p = IntStream.range(0, n).toArray();
        for (int i = 0; i < kept; i++) {
            int j = i + random.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        int[] out = Arrays.copyOf(p, kept);
        Arrays.sort(out);
        return out;
    }

    private static void checkFraction(String what, double f, boolean zeroOk) {
        if (!(f >= 0 && f <= 1) || (!zeroOk && f == 0)) {
            throw new IllegalArgumentException(what + " fraction must be in " + (zeroOk ? "[0, 1]" : "(0, 1]")
                    + ", got " + f);
        }
    }
}
