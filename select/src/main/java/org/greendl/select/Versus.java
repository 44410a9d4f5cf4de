package org.greendl.select;

/**
 * A technique against training from scratch with the same model, data, epochs and seed, run one after the other
 * in one process. {@code preparation} is what the technique needs first (scoring the examples, pre-training);
 * its energy is part of the technique's total.
 *
 * @param name the technique, e.g. {@code curriculum} or {@code transfer}
 */
public record Versus(String name, Arm preparation, Arm technique, Arm scratch) {
    /** Energy of the technique, preparation included (kWh). */
    public double totalKwh() {
        return preparation.kwh() + technique.kwh();
    }

    /** Wall seconds of the technique, preparation included. */
    public double totalSeconds() {
        return preparation.seconds() + technique.seconds();
    }

    /** The summary the older API returns. */
    public Comparison comparison() {
        return new Comparison(name, technique.testAccuracy(), totalKwh(), totalSeconds(),
                scratch.testAccuracy(), scratch.kwh(), scratch.seconds());
    }
}
