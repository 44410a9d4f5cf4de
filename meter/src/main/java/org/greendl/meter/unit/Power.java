package org.greendl.meter.unit;

import java.time.Duration;

/** A power, stored in watts. */
public record Power(double watts) {
    public static final Power ZERO = new Power(0.0);

    public Power {
        if (Double.isNaN(watts)) {
            throw new IllegalArgumentException("power must be a number, got NaN");
        }
    }

    public static Power ofWatts(double watts) {
        return new Power(watts);
    }

    /** The energy this power delivers when held for {@code duration}. */
    public Energy over(Duration duration) {
        return Energy.ofJoules(watts * (duration.toNanos() / 1e9));
    }

    /** The mean power of {@code energy} spread over {@code duration}; zero for an empty duration. */
    public static Power average(Energy energy, Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        return seconds <= 0 ? ZERO : new Power(energy.joules() / seconds);
    }

    public Power times(double factor) {
        return new Power(watts * factor);
    }
}
