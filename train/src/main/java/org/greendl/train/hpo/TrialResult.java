package org.greendl.train.hpo;

import java.util.Map;

/**
 * What a finished trial achieved and cost.
 *
 * @param energyKwh the energy this trial itself spent (not counting a lower rung it continued from)
 * @param runDir where the trial's run record and model were written, or null
 */
public record TrialResult(String id, Map<String, Object> config, int epochs, double validationAccuracy,
        double energyKwh, String runDir) {
    public TrialResult {
        config = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(config));
    }
}
