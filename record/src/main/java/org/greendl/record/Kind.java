package org.greendl.record;

import java.util.Locale;

/**
 * What made a run record: its {@code kind}, written as {@link #id()} (e.g. {@code prune-data}). Every value is
 * listed in {@code docs/run-record.md} (a test checks).
 */
public enum Kind {
    TRAIN,
    FINE_TUNE,
    PRUNE,
    DISTILL,
    FACTORIZE,
    QAT,
    EXPORT,
    INT8,
    ACTIVE_LEARN,
    PRUNE_DATA,
    CURRICULUM,
    TRANSFER,
    SEARCH,
    BENCH;

    /** The run-record spelling: lower case with dashes. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Kind fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
