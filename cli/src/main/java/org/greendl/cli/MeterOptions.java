package org.greendl.cli;

import java.util.Locale;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;
import org.greendl.meter.unit.Power;
import picocli.CommandLine.Option;

/** {@code --country}, {@code --cpu-tdp} and {@code --tracking-mode}: what the meter needs to know that it cannot read from the machine. */
public final class MeterOptions {
    @Option(names = "--country", paramLabel = "ISO3", description = "Country for the carbon intensity (e.g. FRA).")
    String country;

    @Option(names = "--cpu-tdp", paramLabel = "WATTS", description = "CPU power for the estimate when RAPL is unavailable.")
    Double cpuTdp;

    @Option(names = "--tracking-mode", paramLabel = "machine|process", defaultValue = "machine",
            description = "machine: the whole machine's energy (default); process: this process's share by CPU time"
                    + " (for side-by-side measurements on a shared machine).")
    String trackingMode;

    /** The tracking mode; a bad value is a usage error. */
    public TrackingMode trackingMode() {
        return trackingMode(trackingMode);
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
        return country == null ? null : country.toUpperCase(Locale.ROOT);
    }

    public TrackerConfig.Builder applyTo(TrackerConfig.Builder meter) {
        meter.optTrackingMode(trackingMode());
        if (country != null) {
            meter.optCountry(country());
        }
        if (cpuTdp != null) {
            meter.optCpuTdp(Power.ofWatts(cpuTdp));
        }
        return meter;
    }
}
