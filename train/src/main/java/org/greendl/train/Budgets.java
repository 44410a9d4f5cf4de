package org.greendl.train;

import java.time.Duration;
import org.greendl.meter.unit.Emissions;
import org.greendl.meter.unit.Energy;

/**
 * Limits that stop training. Energy, CO2 and time are checked after every batch (so training stops within one
 * batch of crossing them); the target accuracy is checked on the validation set at the end of every epoch.
 * A null limit is no limit.
 *
 * @param maxEnergy total energy (all components)
 * @param maxEmissions emissions (CO2eq)
 * @param maxTime wall time
 * @param targetAccuracy validation accuracy in [0, 1] at which training stops, satisfied
 */
public record Budgets(Energy maxEnergy, Emissions maxEmissions, Duration maxTime, Double targetAccuracy) {
    public Budgets {
        if (maxEnergy != null && !(maxEnergy.joules() > 0)) {
            throw new IllegalArgumentException("max energy must be > 0 Wh, got " + maxEnergy.wh());
        }
        if (maxEmissions != null && !(maxEmissions.kg() > 0)) {
            throw new IllegalArgumentException("max CO2 must be > 0 g, got " + maxEmissions.grams());
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

    public Budgets withMaxEnergy(Energy e) {
        return new Budgets(e, maxEmissions, maxTime, targetAccuracy);
    }

    public Budgets withMaxEmissions(Emissions e) {
        return new Budgets(maxEnergy, e, maxTime, targetAccuracy);
    }

    public Budgets withMaxTime(Duration t) {
        return new Budgets(maxEnergy, maxEmissions, t, targetAccuracy);
    }

    public Budgets withTargetAccuracy(Double a) {
        return new Budgets(maxEnergy, maxEmissions, maxTime, a);
    }
}
