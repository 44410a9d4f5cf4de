package org.greendl.train;

import java.util.Locale;

/** Why a training run ended; written to run.json as its {@link #id()} (e.g. {@code energy-budget}). */
public enum StopReason {
    COMPLETED,
    ENERGY_BUDGET,
    CO2_BUDGET,
    TIME_BUDGET,
    TARGET_ACCURACY,
    EARLY_STOPPING,
    NAN_LOSS,
    INTERRUPTED;

    /** The run-record spelling: lower case with dashes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static StopReason fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
