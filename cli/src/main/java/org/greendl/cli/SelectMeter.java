package org.greendl.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.greendl.meter.Measurement;
import org.greendl.meter.Tracker;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;
import org.greendl.select.EnergyClock;

/**
 * The data-selection commands' energy clock: a greendl-meter tracker of this process, read cumulatively around
 * every round and every selection. Process mode unless {@code --tracking-mode} says otherwise, so other programs on
 * a shared machine are not counted; {@code --country} and {@code --cpu-tdp} as the other metering commands take them.
 */
final class SelectMeter implements EnergyClock, AutoCloseable {
    private final Tracker tracker;

    private SelectMeter(Tracker tracker) {
        this.tracker = tracker;
    }

    static SelectMeter start(MeterOptions options) {
        return new SelectMeter(Tracker.start(options.applyTo(TrackerConfig.builder(), TrackingMode.PROCESS)
                .optOutputDir(null).build()));
    }

    @Override
    public double totalKwh() {
        return tracker.measure().total().kwh();
    }

    @Override
    public double cpuKwh() {
        return tracker.measure().cpu().kwh();
    }

    @Override
    public Map<String, String> sources() {
        Measurement m = tracker.measure();
        Map<String, String> s = new LinkedHashMap<>();
        s.put("cpu", m.cpuSource());
        s.put("gpu", m.gpuSource());
        s.put("ram", m.ramSource());
        return s;
    }

    @Override
    public double kgPerKwh() {
        Measurement m = tracker.measure();
        double kwh = m.total().kwh();
        return kwh > 0 ? m.emissions().kg() / kwh : m.intensity().gramsPerKwh() / 1000;
    }

    @Override
    public String countryIso() {
        return tracker.measure().countryIso();
    }

    @Override
    public void close() {
        tracker.stop();
    }
}
