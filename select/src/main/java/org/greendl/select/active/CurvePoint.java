package org.greendl.select.active;

/**
 * One point of an active-learning curve, written into run.json's {@code "curve"} array.
 *
 * @param round query round (0 = the initial random set)
 * @param labels labelled examples the model was trained on
 * @param testAccuracy accuracy on the test set, in [0, 1]
 * @param energyKwh cumulative energy of the whole loop so far (training, evaluation and selection), kWh
 * @param selectionKwh cumulative energy spent choosing queries (scoring the pool), kWh
 * @param wallS cumulative wall time, seconds
 */
public record CurvePoint(int round, int labels, double testAccuracy, double energyKwh, double selectionKwh,
        double wallS) {}
