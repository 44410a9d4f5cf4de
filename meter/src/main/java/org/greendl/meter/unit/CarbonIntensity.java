package org.greendl.meter.unit;

/** Grams of CO2-equivalent emitted per kWh of electricity. */
public record CarbonIntensity(double gramsPerKwh) {
    public CarbonIntensity {
        if (!(gramsPerKwh >= 0) || Double.isInfinite(gramsPerKwh)) {
            throw new IllegalArgumentException("carbon intensity must be a finite number >= 0 gCO2eq/kWh, got " + gramsPerKwh);
        }
    }

    public static CarbonIntensity ofGramsPerKwh(double gramsPerKwh) {
        return new CarbonIntensity(gramsPerKwh);
    }

    /** The emissions of consuming {@code energy} at this intensity. */
    public Emissions of(Energy energy) {
        return Emissions.ofGrams(gramsPerKwh * energy.kwh());
    }
}
