package org.greendl.train.hpo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
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

    /**
     * Runs independent trials (one rung of successive halving, or a whole grid), each limited to
     * {@code maxEnergyEach} (null: no limit), and returns their results in the order of {@code trials}. This
     * default runs them one after the other; a runner that can runs them at once.
     */
    default List<TrialResult> runAll(List<Trial> trials, Energy maxEnergyEach) throws Exception {
        return runAll(trials, maxEnergyEach, (t, r) -> {});
    }

    /**
     * As {@link #runAll(List, Energy)}, handing each result to {@code onResult} on the calling thread as soon as
     * it comes back (in the order they finish), so that the search journals it before the others end. An
     * exception from {@code onResult} stops the batch (a parallel runner cancels what still runs) and is thrown.
     */
    default List<TrialResult> runAll(List<Trial> trials, Energy maxEnergyEach, BiConsumer<Trial, TrialResult> onResult)
            throws Exception {
        List<TrialResult> results = new ArrayList<>(trials.size());
        for (Trial t : trials) {
            TrialResult r = run(t, maxEnergyEach);
            onResult.accept(t, r);
            results.add(r);
        }
        return results;
    }
}
