package org.greendl.select;

/**
 * A technique against its plain baseline, trained with the same settings one after the other: test accuracy
 * (in [0, 1]), energy (kWh, the technique's preparation included) and wall seconds of each.
 */
public record Comparison(String technique, double accuracy, double kwh, double seconds, double baselineAccuracy,
        double baselineKwh, double baselineSeconds) {
    /** Accuracy gained over the baseline, in percentage points (negative = lost). */
    public double gainPoints() {
        return (accuracy - baselineAccuracy) * 100;
    }

    /** Energy of the technique over the baseline's. */
    public double energyRatio() {
        return kwh / baselineKwh;
    }
}
