package org.greendl.deploy.runtime;

import java.time.Duration;
import org.greendl.meter.Measurement;
import org.greendl.meter.Tracker;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;

/**
 * {@link EnergyMeter} backed by the greendl meter: one {@link Tracker} per measured section, in PROCESS mode
 * (this JVM's share of the CPU energy, so other work on a shared machine is not charged to the model), no
 * files written. The source is the CPU figure's: "rapl" when measured, "estimate" when modelled from CPU time
 * (RAM energy is always the meter's estimate and is included in the total).
 */
public final class TrackerEnergyMeter implements EnergyMeter {
    private final TrackerConfig config;

    public TrackerEnergyMeter(TrackerConfig config) {
        this.config = config;
    }

    public static TrackerEnergyMeter processShare() {
        return new TrackerEnergyMeter(TrackerConfig.builder().optTrackingMode(TrackingMode.PROCESS)
                .optOutputDir(null).optInterval(Duration.ofMillis(200)).optGpu(false).optShutdownHook(false).build());
    }

    @Override
    public Section start() {
        Tracker tracker = Tracker.start(config);
        return () -> {
            Measurement m = tracker.stop();
            return new Reading(m.total().kwh(), "rapl".equals(m.cpuSource()) ? "rapl" : "estimate");
        };
    }
}
