package org.greendl.cli;

import org.greendl.select.Versus;

/** The text summary of a technique-versus-scratch run (curriculum, transfer). */
final class VersusOutput {
    private VersusOutput() {}

    static void print(String technique, String preparation, Versus v) {
        System.out.printf("%s: test accuracy %.4f, energy %.4f Wh (%s %.4f Wh), %d training examples seen%n",
                technique, v.technique().testAccuracy(), 1000 * v.totalKwh(), preparation,
                1000 * v.preparation().kwh(), v.technique().examples());
        System.out.printf("from scratch: test accuracy %.4f, energy %.4f Wh, %d training examples seen%n",
                v.scratch().testAccuracy(), 1000 * v.scratch().kwh(), v.scratch().examples());
        System.out.printf("difference: %+.2f points for %.0f%% of the energy (%.0f%% without the %s)%n",
                v.comparison().gainPoints(), 100 * v.comparison().energyRatio(),
                100 * v.technique().kwh() / v.scratch().kwh(), preparation);
    }
}
