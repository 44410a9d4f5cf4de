package org.greendl.select.scoring;

/**
 * What a data-pruning run measured. Energies in kWh; {@code totalKwh} = scoring + training on the kept data.
 *
 * @param kept examples kept
 * @param of examples in the full training set
 * @param scoringKwh energy of computing the scores (training the scoring model and the scoring pass)
 * @param trainKwh energy of training on the kept data (and evaluating it)
 * @param testAccuracy accuracy of the model trained on the kept data
 * @param fullKwh energy of training on all data (NaN without a baseline)
 * @param fullTestAccuracy accuracy of the full-data model (NaN without a baseline)
 * @param scoringS wall seconds of scoring
 * @param trainS wall seconds of training on the kept data
 * @param fullS wall seconds of the full-data baseline (NaN without one)
 * @param scoringCpuKwh CPU part of {@code scoringKwh} (NaN when the clock cannot tell)
 * @param trainCpuKwh CPU part of {@code trainKwh}
 * @param fullCpuKwh CPU part of {@code fullKwh}
 */
public record PruneResult(int kept, int of, double scoringKwh, double trainKwh, double testAccuracy, double fullKwh,
        double fullTestAccuracy, double scoringS, double trainS, double fullS, double scoringCpuKwh,
        double trainCpuKwh, double fullCpuKwh) {
    public double totalKwh() {
        return scoringKwh + trainKwh;
    }

    /** Energy of pruning (scoring included) over energy of full training; NaN without a baseline. */
    public double energyRatio() {
        return totalKwh() / fullKwh;
    }

    /** As {@link #energyRatio()} for the CPU energy only (it follows the work, not the wall time). */
    public double cpuEnergyRatio() {
        return (scoringCpuKwh + trainCpuKwh) / fullCpuKwh;
    }

    /** Accuracy lost against full data, in percentage points; NaN without a baseline. */
    public double accuracyCostPoints() {
        return (fullTestAccuracy - testAccuracy) * 100;
    }
}
