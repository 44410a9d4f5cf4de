package org.greendl.train;

import java.time.Duration;

/**
 * Limits that stop training. Energy, CO2 and time are checked after every batch (so training stops within one
 * batch of crossing them); the target accuracy is checked on the validation set at the end of every epoch.
 * A null limit is no limit.
 *
 * @param maxEnergyWh total energy (all components) in watt-hours
 * @param maxCo2Grams emissions in grams CO2eq
 * @param maxTime wall time
 * @param targetAccuracy validation accuracy in [0, 1] at which training stops, satisfied
 */
public record Budgets(Double maxEnergyWh, Double maxCo2Grams, Duration maxTime, Double targetAccuracy) {
    public Budgets {
        if (maxEnergyWh != null && !(maxEnergyWh > 0)) {
            throw new IllegalArgumentException("max energy must be > 0 Wh, got " + maxEnergyWh);
        }
        if (maxCo2Grams != null && !(maxCo2Grams > 0)) {
            throw new IllegalArgumentException("max CO2 must be > 0 g, got " + maxCo2Grams);
        }
        if (maxTime != null && (maxTime.isNegative() || maxTime.isZero())) {
            throw new IllegalArgumentException("max time must be positive, got " + maxTime);
        }
        if (targetAccuracy != null && !(targetAccuracy > 0 && targetAccuracy <= 1)) {
            throw new IllegalArgumentException("target accuracy must be in (0, 1], got " + targetAccuracy);
        }
    }

    public static Budgets none() {
        return new Budgets(null, null, null, null);
    }

    public Budgets withMaxEnergyWh(Double wh) {
        return new Budgets(wh, maxCo2Grams, maxTime, targetAccuracy);
    }

    public Budgets withMaxCo2Grams(Double g) {
        return new Budgets(maxEnergyWh, g, maxTime, targetAccuracy);
    }

    public Budgets withMaxTime(Duration t) {
        return new Budgets(maxEnergyWh, maxCo2Grams, t, targetAccuracy);
    }

    public Budgets withTargetAccuracy(Double a) {
        return new Budgets(maxEnergyWh, maxCo2Grams, maxTime, a);
    }
}
