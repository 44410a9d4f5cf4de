package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.greendl.meter.Tracker;
import org.junit.jupiter.api.Test;

class ConsoleLoggingTest {
    @Test
    void theMetersEstimateNoticeIsOnePlainLine() {
        String note = Tracker.ESTIMATE_NOTE.formatted("CPU", "default 4 W per logical CPU x 2 = 8 W");
        String line = new ConsoleLogging.OneLine().format(new LogRecord(Level.INFO, note));
        assertEquals("greendl: CPU energy is an estimate: default 4 W per logical CPU x 2 = 8 W"
                + System.lineSeparator(), line);
    }
}
