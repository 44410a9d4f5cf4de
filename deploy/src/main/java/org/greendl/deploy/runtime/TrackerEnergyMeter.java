package org.greendl.deploy.runtime;

import java.time.Duration;
import org.greendl.meter.Measurement;
import org.greendl.meter.Tracker;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;

/**
 * {@link EnergyMeter} backed by the greendl meter: one {@link Tracker} (started on the first section, so its
 * notes about estimates are printed once), each section the difference of two cumulative measurements. PROCESS
 * mode: this JVM's share of the CPU energy, so other work on a shared machine is not charged to the model; no
 * files written. The source is the CPU figure's: "rapl" when measured, "estimate" when modelled from CPU time
 * (RAM energy is always the meter's estimate and is included in the total).
 */
public final class TrackerEnergyMeter implements EnergyMeter, AutoCloseable {
    private final TrackerConfig config;
    private Tracker tracker;

    public TrackerEnergyMeter(TrackerConfig config) {
        this.config = config;
    }

    public static TrackerEnergyMeter processShare() {
        return new TrackerEnergyMeter(TrackerConfig.builder().optTrackingMode(TrackingMode.PROCESS)
                .optOutputDir(null).optInterval(Duration.ofMillis(200)).optGpu(false).optShutdownHook(false).build());
    }

    @Override
    public synchronized Section start() {
        if (tracker == null) {
            tracker = Tracker.start(config);
        }
        Tracker t = tracker;
        double before = t.measure().total().kwh();
        return () -> {
            Measurement m = t.measure();
            return new Reading(m.total().kwh() - before, "rapl".equals(m.cpuSource()) ? "rapl" : "estimate");
        };
    }

    @Override
    public synchronized void close() {
        if (tracker != null) {
            tracker.stop();
            tracker = null;
        }
    }
}
