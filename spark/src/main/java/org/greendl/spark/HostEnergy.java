package org.greendl.spark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Energy per host, each host's machine counted once. A trial metered in machine mode reads the whole machine
 * for its duration, so two trials that ran at the same time on one host both read the same joules: summing them
 * would count that host twice. Here each host's time line is cut at every task's start and end; in each piece
 * the machine's power is the mean of what the tasks running then read (they all read the same machine), and
 * that energy is shared among those tasks by their CPU time rate where every one of them has it, else equally
 * (wall-time overlap). A task metered in process mode already read only its own share and counts as it is,
 * except where a machine-mode task on the same host covered the same time (that reading holds it already).
 */
public final class HostEnergy {
    private HostEnergy() {}

    /**
     * What one task (trial) ran and read.
     *
     * @param startMs when its reading started (epoch milliseconds)
     * @param endMs when its reading ended
     * @param processKwh its process-mode energy (its own share), or null
     * @param machineKwh its machine-mode reading (the whole host over its time), or null
     * @param cpuSeconds the CPU time it used, or null when unknown
     */
    public record Task(String id, String host, long startMs, long endMs, Double processKwh, Double machineKwh,
            Double cpuSeconds) {
        public Task {
            if (host == null || endMs < startMs) {
                throw new IllegalArgumentException("task " + id + ": needs a host and an end after its start");
            }
            if (processKwh == null && machineKwh == null) {
                throw new IllegalArgumentException("task " + id + ": needs a process or a machine reading");
            }
        }

        long durationMs() {
            return endMs - startMs;
        }

        /** Energy per millisecond: the machine's power where it read the machine, else its own. */
        double rate() {
            return (machineKwh != null ? machineKwh : processKwh) / durationMs();
        }
    }

    /**
     * @param perHostKwh each host's energy, hosts in name order
     * @param perTaskKwh each task's share of its host's energy, by task id
     * @param totalKwh the hosts' sum
     */
    public record Result(Map<String, Double> perHostKwh, Map<String, Double> perTaskKwh, double totalKwh) {}

    public static Result of(List<Task> tasks) {
        Map<String, List<Task>> byHost = new TreeMap<>();
        for (Task t : tasks) {
            byHost.computeIfAbsent(t.host(), h -> new ArrayList<>()).add(t);
        }
        Map<String, Double> perHost = new LinkedHashMap<>();
        Map<String, Double> perTask = new LinkedHashMap<>();
        for (Task t : tasks) {
            perTask.put(t.id(), 0.0);
        }
        double total = 0;
        for (var e : byHost.entrySet()) {
            double host = host(e.getValue(), perTask);
            perHost.put(e.getKey(), host);
            total += host;
        }
        return new Result(Collections.unmodifiableMap(perHost), Collections.unmodifiableMap(perTask), total);
    }

    private static double host(List<Task> tasks, Map<String, Double> perTask) {
        double host = 0;
        TreeSet<Long> cuts = new TreeSet<>();
        for (Task t : tasks) {
            if (t.durationMs() == 0) {
                // No time to share: what it read is its own.
                double kwh = t.machineKwh() != null ? t.machineKwh() : t.processKwh();
                perTask.merge(t.id(), kwh, Double::sum);
                host += kwh;
            } else {
                cuts.add(t.startMs());
                cuts.add(t.endMs());
            }
        }
        Long a = null;
        for (long b : cuts) {
            if (a != null) {
                host += piece(tasks, a, b, perTask);
            }
            a = b;
        }
        return host;
    }

    /** The energy of the host between {@code a} and {@code b} (no task starts or ends inside), shared out. */
    private static double piece(List<Task> tasks, long a, long b, Map<String, Double> perTask) {
        List<Task> running = new ArrayList<>();
        double machinePower = 0;
        int machineReaders = 0;
        boolean allCpu = true;
        for (Task t : tasks) {
            if (t.durationMs() > 0 && t.startMs() <= a && t.endMs() >= b) {
                running.add(t);
                if (t.machineKwh() != null) {
                    machinePower += t.rate();
                    machineReaders++;
                }
                allCpu &= t.cpuSeconds() != null;
            }
        }
        long d = b - a;
        if (machineReaders == 0) {
            double sum = 0;
            for (Task t : running) {
                double kwh = t.rate() * d;
                perTask.merge(t.id(), kwh, Double::sum);
                sum += kwh;
            }
            return sum;
        }
        double kwh = machinePower / machineReaders * d;
        double weights = 0;
        for (Task t : running) {
            weights += weight(t, allCpu);
        }
        for (Task t : running) {
            double w = weight(t, allCpu);
            perTask.merge(t.id(), weights > 0 ? kwh * w / weights : kwh / running.size(), Double::sum);
        }
        return kwh;
    }

    /** A task's claim on a shared piece: its CPU time per wall millisecond, or 1 when not every task has one. */
    private static double weight(Task t, boolean allCpu) {
        return allCpu ? t.cpuSeconds() / t.durationMs() : 1;
    }
}
