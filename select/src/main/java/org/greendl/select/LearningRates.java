package org.greendl.select;

import ai.djl.training.tracker.Tracker;
import java.util.List;
import org.greendl.train.LrSchedule;

/**
 * Learning-rate schedules of the selection experiments. {@code cosine} anneals to zero over exactly the run's
 * updates: a budget-aware schedule lets a run with fewer steps (pruned data) end converged instead of cut off
 * mid-descent, so the comparison measures the data, not the truncation (Li et al., "Budgeted training", 2020).
 */
public final class LearningRates {
    public static final List<String> SCHEDULES = List.of("constant", "cosine");

    private LearningRates() {}

    /** Checks a schedule name; throws with the accepted names otherwise. */
    public static String check(String schedule) {
        if (!SCHEDULES.contains(schedule)) {
            throw new IllegalArgumentException("unknown --lr-schedule '" + schedule + "' (expected one of "
                    + String.join(", ", SCHEDULES) + ")");
        }
        return schedule;
    }

    /** Adam's learning rate for a run of {@code updates} optimizer steps: train's {@link LrSchedule}. */
    public static Tracker of(String schedule, float base, int updates) {
        if ("constant".equals(check(schedule))) {
            return LrSchedule.constant().tracker(base, updates);
        }
        if (updates < 1) {
            throw new IllegalArgumentException("a cosine schedule needs at least one update, got " + updates);
        }
        return LrSchedule.cosine(0).tracker(base, updates);
    }

    /** Optimizer steps of {@code epochs} epochs over {@code examples} examples in batches of {@code batchSize}. */
    public static int updates(int epochs, int examples, int batchSize) {
        return epochs * ((examples + batchSize - 1) / batchSize);
    }
}
