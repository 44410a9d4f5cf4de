package org.greendl.select;

/**
 * One training epoch as the curriculum and transfer comparisons log it.
 *
 * @param epoch 1-based
 * @param examples training examples seen in this epoch (a curriculum's early epochs see fewer)
 * @param testAccuracy accuracy on the test ids after the epoch, NaN when not evaluated (pre-training)
 * @param kwh energy of this epoch (training and evaluation), not cumulative
 * @param seconds wall seconds of this epoch
 */
public record EpochPoint(int epoch, int examples, double testAccuracy, double kwh, double seconds) {}
