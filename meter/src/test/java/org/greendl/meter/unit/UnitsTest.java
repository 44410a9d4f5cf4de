package org.greendl.meter.unit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void energyConversions() {
        assertEquals(3_600_000.0, Energy.ofKwh(1).joules());
        assertEquals(1.0, Energy.ofJoules(3600).wh(), 1e-12);
        assertEquals(0.5, Energy.ofKwh(0.75).minus(Energy.ofKwh(0.25)).kwh(), 1e-12);
        assertEquals(7.0, Energy.ofJoules(3).plus(Energy.ofJoules(4)).joules());
        assertEquals(0.0, Energy.ZERO.kwh());
    }

    @Test
    void powerOverTime() {
        assertEquals(150.0, Power.ofWatts(100).over(Duration.ofMillis(1500)).joules(), 1e-9);
        assertEquals(50.0, Power.average(Energy.ofJoules(100), Duration.ofSeconds(2)).watts(), 1e-12);
    }

    @Test
    void emissionsFromIntensity() {
        Emissions e = new CarbonIntensity(400).of(Energy.ofKwh(2.5));
        assertEquals(1000.0, e.grams(), 1e-9);
        assertEquals(1.0, e.kg(), 1e-12);
        assertEquals(1.5, e.plus(Emissions.ofGrams(500)).kg(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new CarbonIntensity(-1));
    }
}
