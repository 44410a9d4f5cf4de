package org.greendl.train.hpo;

import java.util.Locale;

/** How configurations are chosen and how much each is trained. */
public enum SearchMethod {
    /** Every configuration, each for the full epoch budget. */
    GRID,
    /** A seeded sample of configurations, each for the full epoch budget. */
    RANDOM,
    /** All configurations for a few epochs, then the best 1/eta for eta times more, and so on. */
    SH,
    /** Several successive-halving brackets, from many configurations on little budget to few on a lot. */
    HYPERBAND;

    public static SearchMethod parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown search method '" + s + "' (expected grid, random, sh or "
                    + "hyperband)");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
