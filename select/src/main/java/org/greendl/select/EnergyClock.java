package org.greendl.select;

/**
 * Cumulative energy since some start, read as often as the loops need (each round, around each selection).
 * The command line backs it with greendl-meter's tracker; tests use a fake one so they are deterministic.
 */
public interface EnergyClock {
    /** Energy used since the clock started, in kWh (cumulative, never decreasing). */
    double totalKwh();

    /**
     * The CPU's share of {@link #totalKwh()} (NaN when unknown). Under contention from other programs a RAM
     * estimate grows with wall time, not with the work done; the CPU figure follows the work.
     */
    default double cpuKwh() {
        return Double.NaN;
    }

    /** Where the figures come from, e.g. {"cpu": "rapl", "gpu": "none", "ram": "estimate"}. */
    default java.util.Map<String, String> sources() {
        return java.util.Map.of();
    }

    /** Emitted kg CO2eq per kWh of measured energy (intensity x PUE), NaN when unknown. */
    default double kgPerKwh() {
        return Double.NaN;
    }

    /** ISO alpha-3 code of the carbon intensity's country, "" for the world default or unknown. */
    default String countryIso() {
        return "";
    }

    /** A clock that reads nothing (energy unknown, reported as zero): for tests and dry runs only. */
    static EnergyClock none() {
        return () -> 0.0;
    }
}
