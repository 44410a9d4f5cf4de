package org.greendl.cli;

import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;
import org.greendl.meter.unit.Power;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --country}, {@code --cpu-tdp} and {@code --tracking-mode}: what the meter needs to know that it cannot read from the machine. */
public final class MeterOptions {
    @Mixin CountryOption country;

    @Option(names = "--cpu-tdp", paramLabel = "WATTS", description = "CPU power for the estimate when RAPL is unavailable.")
    Double cpuTdp;

    @Option(names = "--tracking-mode", paramLabel = "machine|process",
            description = "machine: the whole machine's energy (the default, but for the data-selection commands);"
                    + " process: this process's share by CPU time (for side-by-side measurements on a shared machine;"
                    + " the data-selection commands' default).")
    String trackingMode;

    /** The tracking mode, machine when none is given; a bad value is a usage error. */
    public TrackingMode trackingMode() {
        return trackingMode(TrackingMode.MACHINE);
    }

    /** The tracking mode, {@code fallback} when none is given; a bad value is a usage error. */
    public TrackingMode trackingMode(TrackingMode fallback) {
        return trackingMode == null ? fallback : trackingMode(trackingMode);
    }

    /** Parses a tracking mode; a bad value is a usage error. */
    static TrackingMode trackingMode(String text) {
        try {
            return TrackingMode.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
    }

    /** The country as an upper-case ISO code, or null for the meter's default. */
    public String country() {
        return country.value();
    }

    /** The CPU power given for the estimate, or null. */
    public Double cpuTdpWatts() {
        return cpuTdp;
    }

    /** Sets the tracking mode (machine unless given), the country and the CPU power on {@code meter}. */
    public TrackerConfig.Builder applyTo(TrackerConfig.Builder meter) {
        return applyTo(meter, TrackingMode.MACHINE);
    }

    /** As {@link #applyTo(TrackerConfig.Builder)}, with {@code fallback} as the mode when none is given. */
    public TrackerConfig.Builder applyTo(TrackerConfig.Builder meter, TrackingMode fallback) {
        meter.optTrackingMode(trackingMode(fallback));
        if (country() != null) {
            meter.optCountry(country());
        }
        if (cpuTdp != null) {
            meter.optCpuTdp(Power.ofWatts(cpuTdp));
        }
        return meter;
    }
}
