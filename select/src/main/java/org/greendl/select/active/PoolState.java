package org.greendl.select.active;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of a pool-based active-learning loop, immutable: the pool, what is labelled (and when), the query
 * waiting for labels, and the curve so far. Every change returns a new state after validating everything, so a
 * rejected input never leaves a half-changed state; {@link PoolStates} saves it atomically, so a killed loop
 * resumes from its last save.
 *
 * @param schema file format version (1)
 * @param strategy query strategy name
 * @param seed seeds the initial set, the random strategy and training
 * @param pool ids of all examples in the pool (labelled or not)
 * @param labelled labelled examples in the order they were labelled
 * @param round index of the latest query round (0 = the initial set)
 * @param pending ids queried in {@code round} and still waiting for labels (empty when none)
 * @param curve one point per trained round
 * @param priorEnergyKwh energy spent by earlier (killed or paused) sessions of this loop
 * @param priorSelectionKwh selection energy of earlier sessions
 * @param priorWallS wall time of earlier sessions
 */
public record PoolState(int schema, String strategy, long seed, int[] pool, List<LabelledExample> labelled,
        int round, int[] pending, List<CurvePoint> curve, double priorEnergyKwh, double priorSelectionKwh,
        double priorWallS) {
    public static final int SCHEMA = 1;

    public PoolState {
        labelled = List.copyOf(labelled);
        curve = List.copyOf(curve);
        pool = pool.clone();
        pending = pending.clone();
    }

    /** A fresh loop over {@code pool}: nothing labelled, nothing pending. */
    public static PoolState start(String strategy, long seed, int[] pool) {
        Set<Integer> seen = new HashSet<>();
        for (int id : pool) {
            if (!seen.add(id)) {
                throw new IllegalArgumentException("pool lists id " + id + " twice");
            }
        }
        return new PoolState(SCHEMA, strategy, seed, pool, List.of(), 0, new int[0], List.of(), 0, 0, 0);
    }

    public Set<Integer> labelledIds() {
        Set<Integer> ids = new HashSet<>();
        labelled.forEach(e -> ids.add(e.id()));
        return ids;
    }

    /** Labelled ids in labelling order. */
    public int[] labelledIdArray() {
        return labelled.stream().mapToInt(LabelledExample::id).toArray();
    }

    /** Pool ids neither labelled nor pending, in pool order. */
    public int[] unlabelled() {
        Set<Integer> taken = labelledIds();
        for (int id : pending) {
            taken.add(id);
        }
        return Arrays.stream(pool).filter(id -> !taken.contains(id)).toArray();
    }

    public boolean hasPending() {
        return pending.length > 0;
    }

    /** True when the current labelled set has been trained and measured. */
    public boolean roundMeasured() {
        return !curve.isEmpty() && curve.get(curve.size() - 1).round() == round && !hasPending();
    }

    /** Records a query of {@code ids} (from the unlabelled pool) as round {@code round + 1}, or round 0 at start. */
    public PoolState withQuery(int[] ids) {
        if (hasPending()) {
            throw new IllegalStateException("round " + round + " still waits for " + pending.length + " labels");
        }
        Set<Integer> free = new HashSet<>();
        for (int id : unlabelled()) {
            free.add(id);
        }
        QueryStrategy.checkSize(ids.length, free.size());
        Set<Integer> seen = new HashSet<>();
        for (int id : ids) {
            if (!free.contains(id) || !seen.add(id)) {
                throw new IllegalArgumentException("query id " + id + " is not an unlabelled pool example"
                        + " (or is queried twice)");
            }
        }
        int next = labelled.isEmpty() ? 0 : round + 1;
        return new PoolState(schema, strategy, seed, pool, labelled, next, ids, curve, priorEnergyKwh,
                priorSelectionKwh, priorWallS);
    }

    /**
     * Adds labels for the pending query. Every pending id must get exactly one label in {@code [0, classes)} and
     * no other id may appear; otherwise nothing changes and the exception names the first problem.
     */
    public PoolState withLabels(Map<Integer, Integer> labels, int classes) {
        if (!hasPending()) {
            throw new IllegalStateException("no query is waiting for labels");
        }
        Set<Integer> wanted = new HashSet<>();
        for (int id : pending) {
            wanted.add(id);
        }
        for (Map.Entry<Integer, Integer> e : labels.entrySet()) {
            if (!wanted.contains(e.getKey())) {
                throw new IllegalArgumentException("id " + e.getKey() + " was not queried in round " + round
                        + " (expected one of its " + pending.length + " ids)");
            }
            if (e.getValue() == null || e.getValue() < 0 || e.getValue() >= classes) {
                throw new IllegalArgumentException("class " + e.getValue() + " of id " + e.getKey()
                        + " is unknown (expected 0 to " + (classes - 1) + ")");
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int id : pending) {
            if (!labels.containsKey(id)) {
                missing.add(id);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(missing.size() + " of the " + pending.length + " ids queried in round "
                    + round + " have no label (first: " + missing.get(0) + ")");
        }
        List<LabelledExample> next = new ArrayList<>(labelled);
        for (int id : pending) {
            next.add(new LabelledExample(id, labels.get(id), round));
        }
        return new PoolState(schema, strategy, seed, pool, next, round, new int[0], curve, priorEnergyKwh,
                priorSelectionKwh, priorWallS);
    }

    public PoolState withCurvePoint(CurvePoint point) {
        List<CurvePoint> next = new ArrayList<>(curve);
        next.add(point);
        return new PoolState(schema, strategy, seed, pool, labelled, round, pending, next, priorEnergyKwh,
                priorSelectionKwh, priorWallS);
    }

    /** Folds the totals of this process's rounds into the prior totals (when it ends, so the next run adds to them). */
    public PoolState withPrior(double energyKwh, double selectionKwh, double wallS) {
        return new PoolState(schema, strategy, seed, pool, labelled, round, pending, curve, energyKwh, selectionKwh,
                wallS);
    }

    /** The label of every labelled id (insertion order). */
    public Map<Integer, Integer> labelMap() {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        labelled.forEach(e -> m.put(e.id(), e.label()));
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PoolState s && schema == s.schema && seed == s.seed && round == s.round
                && strategy.equals(s.strategy) && Arrays.equals(pool, s.pool) && labelled.equals(s.labelled)
                && Arrays.equals(pending, s.pending) && curve.equals(s.curve)
                && priorEnergyKwh == s.priorEnergyKwh && priorSelectionKwh == s.priorSelectionKwh
                && priorWallS == s.priorWallS;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(strategy, seed, round, Arrays.hashCode(pool), labelled, Arrays.hashCode(pending));
    }

    @Override
    public String toString() {
        return "PoolState[" + strategy + ", round " + round + ", " + labelled.size() + " labelled of " + pool.length
                + ", " + pending.length + " pending]";
    }
}
