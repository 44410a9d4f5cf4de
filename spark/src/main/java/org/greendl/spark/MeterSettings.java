package org.greendl.spark;

import java.io.Serializable;
import java.nio.file.Path;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;
import org.greendl.meter.unit.Power;

/**
 * The meter settings every trial's run uses, as plain values that travel to the executors.
 *
 * @param mode {@code machine} or {@code process}
 * @param country ISO code for the carbon intensity, or null for the meter's default
 * @param cpuTdpWatts the CPU power for the estimate where RAPL is unavailable, or null
 */
public record MeterSettings(String mode, String country, Double cpuTdpWatts) implements Serializable {
    public MeterSettings {
        mode = TrackingMode.parse(mode == null ? TrackingMode.MACHINE.label() : mode).label();
    }

    public boolean machine() {
        return TrackingMode.MACHINE.label().equals(mode);
    }

    /** The meter of the trial written to {@code dir}. */
    public TrackerConfig config(Path dir) {
        TrackerConfig.Builder b = TrackerConfig.builder().optOutputDir(dir).optProjectName("greendl-search")
                .optTrackingMode(TrackingMode.parse(mode));
        if (country != null) {
            b.optCountry(country);
        }
        if (cpuTdpWatts != null) {
            b.optCpuTdp(Power.ofWatts(cpuTdpWatts));
        }
        return b.build();
    }
}
