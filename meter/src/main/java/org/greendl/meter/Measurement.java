package org.greendl.meter;

import java.time.Duration;
import java.time.Instant;
import org.greendl.meter.unit.CarbonIntensity;
import org.greendl.meter.unit.Emissions;
import org.greendl.meter.unit.Energy;
import org.greendl.meter.unit.Power;

/**
 * What a tracker or task measured. Energies are the IT equipment's (no PUE); {@code emissions} is
 * {@code intensity x total x PUE}.
 *
 * @param cpuSource "rapl" | "estimate"; {@code gpuSource} "nvml" | "none"; {@code ramSource} "rapl" | "estimate"
 * @param countryIso ISO alpha-3 of the intensity's place, "" for the world default
 */
public record Measurement(Instant start, Duration duration, Energy cpu, Energy gpu, Energy ram,
                          String cpuSource, String gpuSource, String ramSource,
                          CarbonIntensity intensity, String countryIso, Emissions emissions) {

    /** CPU + GPU + RAM. */
    public Energy total() {
        return cpu.plus(gpu).plus(ram);
    }

    /** Mean power of all components over the duration. */
    public Power averagePower() {
        return Power.average(total(), duration);
    }

    /** True when any non-zero figure is a model rather than a counter reading. */
    public boolean hasEstimates() {
        return "estimate".equals(cpuSource) || "estimate".equals(gpuSource) || "estimate".equals(ramSource);
    }
}
