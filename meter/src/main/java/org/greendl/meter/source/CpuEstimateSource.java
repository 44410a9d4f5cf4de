package org.greendl.meter.source;

import org.greendl.meter.unit.Energy;
import org.greendl.meter.unit.Power;

/**
 * CPU energy estimated as {@code power x utilization x time}, used when there is no RAPL counter.
 * The power is, in order: the user's --cpu-tdp; the package TDP of the exact model from {@link CpuTdpTable}
 * times the number of sockets; else {@value #DEFAULT_WATTS_PER_LOGICAL_CPU} W per logical CPU (the TDP per
 * hardware thread of current server parts is 2-5 W: Xeon Gold 6248R 205 W / 48 = 4.3 W, EPYC 7763
 * 280 W / 128 = 2.2 W, Core i9-13900K 125 W / 32 = 3.9 W). Utilization comes from /proc/stat, so an idle CPU
 * costs nothing: the figure is the work's share of the package power, not the machine's wall power.
 */
public final class CpuEstimateSource implements EnergySource {
    public static final double DEFAULT_WATTS_PER_LOGICAL_CPU = 4.0;

    private final Power power;
    private final String description;

    public CpuEstimateSource(Power power, String description) {
        this.power = power;
        this.description = description;
    }

    /**
     * Picks the power for this machine and says where it came from.
     *
     * @param whyNoCounter why there is no measured source, e.g. "no intel-rapl:* under /sys/class/powercap"
     */
    public static CpuEstimateSource forMachine(CpuInfo cpu, CpuTdpTable table, Power tdpOverride, String whyNoCounter) {
        Power p;
        String how;
        if (tdpOverride != null) {
            p = tdpOverride;
            how = "TDP " + watts(p.watts()) + " W given by the user";
        } else {
            var tdp = table.tdpWatts(cpu.modelName());
            if (tdp.isPresent()) {
                p = Power.ofWatts(tdp.get() * cpu.sockets());
                how = "TDP " + watts(tdp.get()) + " W of " + cpu.modelName() + " x " + cpu.sockets()
                        + " socket(s) from greendl's TDP table";
            } else {
                p = Power.ofWatts(DEFAULT_WATTS_PER_LOGICAL_CPU * cpu.logicalCpus());
                how = "\"" + cpu.modelName() + "\" is not in greendl's TDP table: default "
                        + watts(DEFAULT_WATTS_PER_LOGICAL_CPU) + " W per logical CPU x " + cpu.logicalCpus() + " = "
                        + watts(p.watts()) + " W";
            }
        }
        return new CpuEstimateSource(p, "estimate: " + how + ", scaled by CPU utilization; " + whyNoCounter);
    }

    private static String watts(double w) {
        return w == Math.rint(w) ? Long.toString((long) w) : Double.toString(w);
    }

    public Power power() {
        return power;
    }

    @Override
    public Component component() {
        return Component.CPU;
    }

    @Override
    public String kind() {
        return "estimate";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Energy next(Tick tick) {
        double u = Math.max(0, Math.min(1, tick.cpuUtilization()));
        return power.times(u).over(tick.elapsed());
    }
}
