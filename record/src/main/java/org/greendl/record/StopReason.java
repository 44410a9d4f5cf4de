package org.greendl.record;

import java.util.Locale;

/**
 * Why a run ended; written to run.json as its {@link #id()} (e.g. {@code energy-budget}). Every value is listed
 * in {@code docs/run-record.md} (a test checks).
 */
public enum StopReason {
    COMPLETED,
    ENERGY_BUDGET,
    CO2_BUDGET,
    TIME_BUDGET,
    TARGET_ACCURACY,
    EARLY_STOPPING,
    NAN_LOSS,
    INTERRUPTED,
    /** A file-labelling active-learning loop paused for a person to label its queries. */
    WAITING_FOR_LABELS;

    /** The run-record spelling: lower case with dashes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static StopReason fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
