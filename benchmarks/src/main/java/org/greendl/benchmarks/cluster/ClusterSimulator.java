package org.greendl.benchmarks.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A prediction, not a measurement: the wall time and energy a search would take on {@code E} executors, from the
 * measured duration and energy of each of its trials. Trials of one rung run at once, as many as there are
 * executors, each taking the next free one (list scheduling in the search's order); a rung starts when the one
 * before has finished, because successive halving picks its survivors from the whole rung. A straggler takes
 * {@link Model#stragglerFactor} times as long (and as much energy) with probability
 * {@link Model#stragglerProbability}; every task pays {@link Model#taskOverheadS} seconds of start-up; an executor
 * waiting for the rung to end draws {@link Model#idleWatts}.
 */
public final class ClusterSimulator {
    private ClusterSimulator() {}

    /** One measured trial: its wall seconds and kWh. */
    public record Task(double seconds, double kwh) {}

    /** A rung: trials that may run at once. */
    public record Rung(List<Task> tasks) {}

    /**
     * @param stragglerProbability chance that a task is a straggler
     * @param stragglerFactor how many times longer a straggler runs
     * @param taskOverheadS start-up seconds per task (scheduling, the trial's JVM and engine)
     * @param idleWatts what an executor draws while it waits for the rest of its rung
     */
    public record Model(double stragglerProbability, double stragglerFactor, double taskOverheadS, double idleWatts) {
        public static final Model IDEAL = new Model(0, 1, 0, 0);
    }

    /** One simulated run. */
    public record Outcome(double wallS, double kwh, double busyShare) {}

    public static Outcome simulate(List<Rung> rungs, int executors, Model m, long seed) {
        if (executors < 1) {
            throw new IllegalArgumentException("executors must be >= 1, got " + executors);
        }
        Random r = new Random(seed);
        double wall = 0;
        double kwh = 0;
        double busy = 0;
        for (Rung rung : rungs) {
            PriorityQueue<Double> free = new PriorityQueue<>();
            int used = Math.min(executors, rung.tasks().size());
            for (int i = 0; i < used; i++) {
                free.add(0.0);
            }
            double end = 0;
            double rungBusy = 0;
            for (Task t : rung.tasks()) {
                double factor = r.nextDouble() < m.stragglerProbability() ? m.stragglerFactor() : 1;
                double seconds = t.seconds() * factor + m.taskOverheadS();
                double start = free.poll();
                free.add(start + seconds);
                end = Math.max(end, start + seconds);
                rungBusy += seconds;
                kwh += t.kwh() * factor;
            }
            // Executors given work in this rung wait, idle, for its last task.
            kwh += m.idleWatts() * (used * end - rungBusy) / 3.6e6;
            busy += rungBusy;
            wall += end;
        }
        return new Outcome(wall, kwh, wall == 0 ? 0 : busy / (wall * executors));
    }

    /** Median and 90th percentile of {@code runs} seeded simulations: {wall median, wall p90, kWh median, busy}. */
    public static double[] summary(List<Rung> rungs, int executors, Model m, int runs) {
        double[] walls = new double[runs];
        double[] kwhs = new double[runs];
        double busy = 0;
        for (int i = 0; i < runs; i++) {
            Outcome o = simulate(rungs, executors, m, i);
            walls[i] = o.wallS();
            kwhs[i] = o.kwh();
            busy += o.busyShare();
        }
        Arrays.sort(walls);
        Arrays.sort(kwhs);
        return new double[] {walls[runs / 2], walls[(int) Math.min(runs - 1, Math.floor(0.9 * runs))], kwhs[runs / 2],
                busy / runs};
    }

    /** Rungs as {@code tasks} arrive in the search's order: a new rung wherever the {@code rungKeys} change. */
    public static List<Rung> rungs(List<Task> tasks, List<String> rungKeys) {
        List<Rung> out = new ArrayList<>();
        List<Task> current = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            if (i > 0 && !rungKeys.get(i).equals(rungKeys.get(i - 1))) {
                out.add(new Rung(List.copyOf(current)));
                current.clear();
            }
            current.add(tasks.get(i));
        }
        if (!current.isEmpty()) {
            out.add(new Rung(List.copyOf(current)));
        }
        return out;
    }
}
