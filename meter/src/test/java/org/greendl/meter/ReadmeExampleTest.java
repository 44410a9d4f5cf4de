package org.greendl.meter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's five-line example, compiled and run as written. */
class ReadmeExampleTest {
    @TempDir Path dir;

    @Test
    void fiveLines() throws Exception {
        Path runs = dir.resolve("runs");
        TrackerConfig config = TrackerConfig.builder().optCountry("FRA").optOutputDir(runs).build();
        try (Tracker tracker = Tracker.start(config)) {                  // sampling thread, every 1 s
            train();                                                     // your work
            Measurement m = tracker.stop();                              // also writes runs/emissions.csv
            System.out.printf("%.6f kWh (cpu: %s), %.3f gCO2eq%n", m.total().kwh(), m.cpuSource(), m.emissions().grams());
        }
        assertTrue(Files.readAllLines(runs.resolve("emissions.csv")).get(1).contains(",FRA,"));
    }

    private static void train() throws InterruptedException {
        Thread.sleep(50);
    }
}
