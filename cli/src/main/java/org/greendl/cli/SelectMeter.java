package org.greendl.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.greendl.meter.Measurement;
import org.greendl.meter.Tracker;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;
import org.greendl.meter.unit.CarbonIntensity;
import org.greendl.meter.unit.Energy;
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
    public Energy total() {
        return tracker.measure().total();
    }

    @Override
    public Optional<Energy> cpu() {
        return Optional.of(tracker.measure().cpu());
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

    /** What was emitted per kWh measured (PUE included), the grid's intensity before any energy was. */
    @Override
    public Optional<CarbonIntensity> intensity() {
        Measurement m = tracker.measure();
        double kwh = m.total().kwh();
        return Optional.of(kwh > 0 ? CarbonIntensity.ofGramsPerKwh(m.emissions().grams() / kwh) : m.intensity());
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
