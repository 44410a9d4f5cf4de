package org.greendl.train.nas;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Two-objective Pareto tools for (accuracy, energy per inference): accuracy is maximised, energy minimised.
 * Non-dominated sorting (NSGA-II's fronts, by repeated peeling) and the exact 2-D hypervolume against a
 * reference point (accuracy below, energy above every point that counts).
 */
public final class Pareto {
    private Pareto() {}

    /** One candidate's objectives. */
    public record Point(double accuracy, double energy) {}

    /** True when {@code a} is at least as good as {@code b} in both objectives and better in one. */
    public static boolean dominates(Point a, Point b) {
        return a.accuracy() >= b.accuracy() && a.energy() <= b.energy()
                && (a.accuracy() > b.accuracy() || a.energy() < b.energy());
    }

    /** The fronts, best first, each the indices into {@code points} in ascending order. */
    public static List<List<Integer>> sort(List<Point> points) {
        List<List<Integer>> fronts = new ArrayList<>();
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            left.add(i);
        }
        while (!left.isEmpty()) {
            List<Integer> front = new ArrayList<>();
            for (int i : left) {
                boolean dominated = false;
                for (int j : left) {
                    if (j != i && dominates(points.get(j), points.get(i))) {
                        dominated = true;
                        break;
                    }
                }
                if (!dominated) {
                    front.add(i);
                }
            }
            fronts.add(front);
            left.removeAll(front);
        }
        return fronts;
    }

    /** The rank of each point: 0 for the first (non-dominated) front, 1 for the next, ... */
    public static int[] ranks(List<Point> points) {
        int[] rank = new int[points.size()];
        List<List<Integer>> fronts = sort(points);
        for (int f = 0; f < fronts.size(); f++) {
            for (int i : fronts.get(f)) {
                rank[i] = f;
            }
        }
        return rank;
    }

    /**
     * The area dominated by {@code points} and bounded by the reference point ({@code refAccuracy}, {@code
     * refEnergy}): points with accuracy at or below the reference's, or energy at or above it, add nothing.
     */
    public static double hypervolume(List<Point> points, double refAccuracy, double refEnergy) {
        List<Point> inside = new ArrayList<>();
        for (Point p : points) {
            if (p.accuracy() > refAccuracy && p.energy() < refEnergy) {
                inside.add(p);
            }
        }
        List<Point> front = new ArrayList<>();
        for (int i : sort(inside).isEmpty() ? List.<Integer>of() : sort(inside).get(0)) {
            front.add(inside.get(i));
        }
        // Along the front, energy and accuracy rise together; sweep energy upwards.
        front.sort(Comparator.comparingDouble(Point::energy).thenComparingDouble(Point::accuracy));
        double area = 0;
        for (int i = 0; i < front.size(); i++) {
            double next = i + 1 < front.size() ? front.get(i + 1).energy() : refEnergy;
            area += (next - front.get(i).energy()) * (front.get(i).accuracy() - refAccuracy);
        }
        return area;
    }
}
