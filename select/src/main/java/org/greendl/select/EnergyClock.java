package org.greendl.select;

import java.util.Optional;
import org.greendl.meter.unit.CarbonIntensity;
import org.greendl.meter.unit.Energy;

/**
 * Cumulative energy since some start, read as often as the loops need (each round, around each selection).
 * The command line backs it with greendl-meter's tracker; tests use a fake one so they are deterministic.
 */
public interface EnergyClock {
    /** Energy used since the clock started (cumulative, never decreasing). */
    Energy total();

    /**
     * The CPU's share of {@link #total()}, empty when unknown. Under contention from other programs a RAM
     * estimate grows with wall time, not with the work done; the CPU figure follows the work.
     */
    default Optional<Energy> cpu() {
        return Optional.empty();
    }

    /** Where the figures come from, e.g. {"cpu": "rapl", "gpu": "none", "ram": "estimate"}. */
    default java.util.Map<String, String> sources() {
        return java.util.Map.of();
    }

    /** Emissions per kWh of measured energy (intensity x PUE), empty when unknown. */
    default Optional<CarbonIntensity> intensity() {
        return Optional.empty();
    }

    /** ISO alpha-3 code of the carbon intensity's country, "" for the world default or unknown. */
    default String countryIso() {
        return "";
    }

    /** A clock that reads nothing (energy unknown, reported as zero): for tests and dry runs only. */
    static EnergyClock none() {
        return () -> Energy.ZERO;
    }
}
