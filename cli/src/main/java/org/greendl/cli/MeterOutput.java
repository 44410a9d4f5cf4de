package org.greendl.cli;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.greendl.meter.unit.Energy;

/** Shared formatting for the meter commands, and quieting the meter's java.util.logging notes (we print them). */
final class MeterOutput {
    // Held so the level setting is not garbage-collected with the logger.
    private static final Logger METER_LOG = Logger.getLogger("org.greendl.meter");

    private MeterOutput() {}

    static void quietMeterLog() {
        METER_LOG.setLevel(Level.WARNING);
    }

    /** "1.23e-06 kWh (4.43 J)". */
    static String energy(Energy e) {
        return String.format(Locale.ROOT, "%.3g kWh (%.4g J)", e.kwh(), e.joules());
    }

    /** "1.23e-06 kWh", or "0 kWh". */
    static String kwh(Energy e) {
        return e.joules() == 0 ? "0 kWh" : String.format(Locale.ROOT, "%.3g kWh", e.kwh());
    }

    enum Format { text, json }
}
