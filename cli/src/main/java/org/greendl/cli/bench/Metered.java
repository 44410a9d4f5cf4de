package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import org.greendl.meter.Measurement;
import org.greendl.meter.Tracker;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;

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
        ObjectNode out = BenchRunner.JSON.createObjectNode();
        ObjectNode energy = out.putObject("energy");
        energy.put("total_kwh", m.total().kwh());
        energy.put("cpu_kwh", m.cpu().kwh());
        energy.put("gpu_kwh", m.gpu().kwh());
        energy.put("ram_kwh", m.ram().kwh());
        ObjectNode sources = energy.putObject("sources");
        sources.put("cpu", m.cpuSource());
        sources.put("gpu", m.gpuSource());
        sources.put("ram", m.ramSource());
        ObjectNode emissions = out.putObject("emissions");
        emissions.put("total_kg", m.emissions().kg());
        emissions.put("intensity_gper_kwh", m.intensity().gramsPerKwh());
        emissions.put("country_iso_code", m.countryIso() == null ? "" : m.countryIso());
        out.putObject("time").put("wall_s", m.duration().toNanos() / 1e9);
        return out;
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
        if (!record.at("/emissions/intensity_gper_kwh").isNumber()) {
            record.with("emissions").set("intensity_gper_kwh", step.at("/emissions/intensity_gper_kwh"));
            record.with("emissions").set("country_iso_code", step.at("/emissions/country_iso_code"));
        }
    }

    private static void sum(ObjectNode node, String field, double value) {
        node.put(field, node.path(field).asDouble(0) + value);
    }
}
