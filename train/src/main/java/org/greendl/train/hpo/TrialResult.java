package org.greendl.train.hpo;

import java.util.Map;
import org.greendl.record.StopReason;

/**
 * What a finished trial achieved and cost.
 *
 * @param epochs the epochs the trial was asked for, or those it completed when a budget stopped it
 * @param energyKwh the energy this trial itself spent (not counting a lower rung it continued from)
 * @param runDir where the trial's run record and model were written, or null
 * @param stopReason why the trial's training stopped: {@code completed}, or a run record's stop reason such as
 *     {@code energy-budget} when the search's budget ran out inside it
 * @param host the machine the trial ran on, when the runner spreads trials over several (null: this one)
 */
public record TrialResult(String id, Map<String, Object> config, int epochs, double validationAccuracy,
        double energyKwh, String runDir, String stopReason, String host) {
    public static final String COMPLETED = StopReason.COMPLETED.id();
    public static final String ENERGY_BUDGET = "energy-budget";

    public TrialResult {
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
        if (stopReason == null) {
            stopReason = COMPLETED;
        }
    }

    /** A trial run on this machine. */
    public TrialResult(String id, Map<String, Object> config, int epochs, double validationAccuracy,
            double energyKwh, String runDir, String stopReason) {
        this(id, config, epochs, validationAccuracy, energyKwh, runDir, stopReason, null);
    }

    /** A trial that ran to its end. */
    public TrialResult(String id, Map<String, Object> config, int epochs, double validationAccuracy,
            double energyKwh, String runDir) {
        this(id, config, epochs, validationAccuracy, energyKwh, runDir, COMPLETED);
    }

    /** This result, run on {@code h}. */
    public TrialResult withHost(String h) {
        return new TrialResult(id, config, epochs, validationAccuracy, energyKwh, runDir, stopReason, h);
    }

    /** Whether the search's energy budget stopped this trial before its end. */
    public boolean stoppedByBudget() {
        return ENERGY_BUDGET.equals(stopReason);
    }
}
