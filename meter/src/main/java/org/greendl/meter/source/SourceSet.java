package org.greendl.meter.source;

import java.util.List;

/**
 * The sources chosen for one tracker, and every probe made to choose them (for {@code greendl doctor}).
 *
 * @param gpu null when no GPU source is available
 */
public record SourceSet(EnergySource cpu, EnergySource gpu, EnergySource ram, CpuInfo cpuInfo, List<Probe> probes) {
    public static final String NONE = "none";

    public String cpuKind() {
        return cpu.kind();
    }

    public String gpuKind() {
        return gpu == null ? NONE : gpu.kind();
    }

    public String ramKind() {
        return ram.kind();
    }

    public void close() {
        cpu.close();
        ram.close();
        if (gpu != null) {
            gpu.close();
        }
    }
}
