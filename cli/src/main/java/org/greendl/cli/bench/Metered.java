package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import org.greendl.meter.Measurement;
import org.greendl.meter.Tracker;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;
import org.greendl.record.StepCost;

/**
 * The energy and CO2 of a bench step that has no run record of its own (an ONNX export, an int8
 * quantization), measured with the greendl meter in process mode, in the run record's JSON shape.
 */
final class Metered {
    interface Body {
        void run() throws Exception;
    }

    private Metered() {}

    /** Runs the body and returns {"energy": {...}, "emissions": {...}, "time": {...}} of what it used. */
    static ObjectNode measure(String country, Body body) throws Exception {
        TrackerConfig.Builder config = TrackerConfig.builder().optTrackingMode(TrackingMode.PROCESS).optOutputDir(null)
                .optInterval(Duration.ofMillis(500)).optGpu(false).optShutdownHook(false);
        if (country != null) {
            config.optCountry(country.toUpperCase(Locale.ROOT));
        }
        Measurement m;
        try (Tracker tracker = Tracker.start(config.build())) {
            body.run();
            m = tracker.stop();
        }
        StepCost cost = new StepCost(
                new RunRecord.EnergyInfo(m.total().kwh(), m.cpu().kwh(), m.gpu().kwh(), m.ram().kwh(),
                        new RunRecord.Sources(m.cpuSource(), m.gpuSource(), m.ramSource())),
                new RunRecord.EmissionsInfo(m.emissions().kg(), m.intensity().gramsPerKwh(),
                        m.countryIso() == null ? "" : m.countryIso()),
                new RunRecord.TimeInfo(m.duration().toNanos() / 1e9));
        return RunRecords.mapper().valueToTree(cost);
    }

    /** Adds a later step's energy, emissions and time to a record (a variant made in several steps). */
    static void add(ObjectNode record, ObjectNode step) {
        for (String field : new String[] {"total_kwh", "cpu_kwh", "gpu_kwh", "ram_kwh"}) {
            sum(record.with("energy"), field, step.at("/energy/" + field).asDouble(0));
        }
        sum(record.with("emissions"), "total_kg", step.at("/emissions/total_kg").asDouble(0));
        sum(record.with("time"), "wall_s", step.at("/time/wall_s").asDouble(0));
        if (!record.at("/energy/sources").isObject() && step.at("/energy/sources").isObject()) {
            record.with("energy").set("sources", step.at("/energy/sources").deepCopy());
        }
        if (!record.at("/emissions/intensity_g_per_kwh").isNumber()) {
            record.with("emissions").set("intensity_g_per_kwh", step.at("/emissions/intensity_g_per_kwh"));
            record.with("emissions").set("country_iso_code", step.at("/emissions/country_iso_code"));
        }
    }

    private static void sum(ObjectNode node, String field, double value) {
        node.put(field, node.path(field).asDouble(0) + value);
    }
}
