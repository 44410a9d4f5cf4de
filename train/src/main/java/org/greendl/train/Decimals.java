package org.greendl.train;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers echoed into a run record after a trip through a unit type. */
final class Decimals {
    private static final MathContext SIGNIFICANT = new MathContext(15);

    private Decimals() {}

    /**
     * {@code value} rounded to 15 significant digits: a number given in Wh and stored as joules comes back a few
     * units in the last place away (0.011 Wh reads 0.011000000000000001), and the record shows what was given.
     */
    static double asGiven(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
            return value;
        }
        return new BigDecimal(value).round(SIGNIFICANT).doubleValue();
    }
}
