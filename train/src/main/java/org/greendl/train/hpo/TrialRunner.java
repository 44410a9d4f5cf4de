package org.greendl.train.hpo;

import org.greendl.meter.unit.Energy;

/** Runs one trial (trains, validates, measures). The search never trains by itself, so tests can fake this. */
@FunctionalInterface
public interface TrialRunner {
    TrialResult run(Trial trial) throws Exception;

    /**
     * Runs a trial that must stop once it has spent {@code maxEnergy} (null: no limit), checked as often as the
     * runner can (a training run: after every batch), returning stop reason {@code energy-budget} then. A runner
     * that cannot stop inside a trial runs it whole; the search then stops after it.
     */
    default TrialResult run(Trial trial, Energy maxEnergy) throws Exception {
        return run(trial);
    }
}
