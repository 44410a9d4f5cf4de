package org.greendl.meter.source;

import org.greendl.meter.unit.Energy;
import org.greendl.meter.unit.Power;

/**
 * RAM energy estimated as {@value #WATTS_PER_GB} W per GB of memory in use (3 W per 8 GB of DDR3/DDR4, Crucial's
 * "How much power does memory use?", the figure CodeCarbon used before v3). It is applied to memory IN USE (the
 * machine's MemTotal - MemAvailable in machine mode, the tracked tree's resident set in process mode), not to the
 * installed size: charging every installed GB is what made RAM swamp the total on big-memory servers.
 */
public final class RamEstimateSource implements EnergySource {
    public static final double WATTS_PER_GB = 0.375;
    private static final double BYTES_PER_GB = 1024.0 * 1024 * 1024;

    private final String why;

    public RamEstimateSource(String whyNoCounter) {
        this.why = whyNoCounter;
    }

    /** The modelled power of {@code bytes} of memory in use. */
    public static Power powerOf(long bytes) {
        return Power.ofWatts(WATTS_PER_GB * bytes / BYTES_PER_GB);
    }

    @Override
    public Component component() {
        return Component.RAM;
    }

    @Override
    public String kind() {
        return "estimate";
    }

    @Override
    public String description() {
        return "estimate: " + WATTS_PER_GB + " W per GB of memory in use; " + why;
    }

    @Override
    public Energy next(Tick tick) {
        return powerOf(Math.max(0, tick.memoryBytes())).over(tick.elapsed());
    }
}
