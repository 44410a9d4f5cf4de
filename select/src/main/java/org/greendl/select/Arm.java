package org.greendl.select;

import java.util.List;

/**
 * One side of a comparison, or its preparation (scoring, pre-training): the epochs it trained, the final test
 * accuracy (NaN for a preparation that is not evaluated), its energy in kWh and wall seconds.
 */
public record Arm(List<EpochPoint> epochs, double testAccuracy, double kwh, double seconds) {
    public Arm {
        epochs = List.copyOf(epochs);
    }

    /** Nothing prepared (no energy, no time). */
    public static Arm none() {
        return new Arm(List.of(), Double.NaN, 0, 0);
    }

    /** Training examples seen over all epochs. */
    public long examples() {
        return epochs.stream().mapToLong(EpochPoint::examples).sum();
    }
}
