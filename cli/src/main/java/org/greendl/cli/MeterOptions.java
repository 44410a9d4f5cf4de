package org.greendl.cli;

import java.util.Locale;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.unit.Power;
import picocli.CommandLine.Option;

/** {@code --country} and {@code --cpu-tdp}: what the meter needs to know that it cannot read from the machine. */
public final class MeterOptions {
    @Option(names = "--country", paramLabel = "ISO3", description = "Country for the carbon intensity (e.g. FRA).")
    String country;

    @Option(names = "--cpu-tdp", paramLabel = "WATTS", description = "CPU power for the estimate when RAPL is unavailable.")
    Double cpuTdp;

    /** The country as an upper-case ISO code, or null for the meter's default. */
    public String country() {
        return country == null ? null : country.toUpperCase(Locale.ROOT);
    }

    public TrackerConfig.Builder applyTo(TrackerConfig.Builder meter) {
        if (country != null) {
            meter.optCountry(country());
        }
        if (cpuTdp != null) {
            meter.optCpuTdp(Power.ofWatts(cpuTdp));
        }
        return meter;
    }
}
