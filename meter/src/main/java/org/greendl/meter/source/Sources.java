package org.greendl.meter.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.greendl.meter.unit.Power;

/**
 * Chooses a source per component: a measured counter when there is one (RAPL for CPU and RAM, NVML for
 * GPUs), else the estimate (CPU, RAM) or nothing (GPU), keeping every probe's reason.
 */
public final class Sources {
    private Sources() {}

    /**
     * What detection looks at.
     *
     * @param powercapRoot the powercap tree (default: $GREENDL_POWERCAP_ROOT or /sys/class/powercap)
     * @param procRoot /proc, or a fake one in tests
     * @param preferPsys use the platform zone psys instead of the packages when present
     * @param cpuTdp overrides the TDP table for the CPU estimate (null: none); it never replaces a RAPL counter
     * @param nvml makes the NVML binding (null: do not look for GPUs)
     * @param cudaVisibleDevices the variable's value (null: unset)
     */
    public record Options(Path powercapRoot, Path procRoot, SysfsReader reader, boolean preferPsys, Power cpuTdp,
                          Supplier<Nvml> nvml, String cudaVisibleDevices) {
        public static Options system(Path powercapRootOrNull, Power cpuTdp, boolean preferPsys) {
            return new Options(powercapRootOrNull == null ? defaultPowercapRoot() : powercapRootOrNull,
                    Path.of("/proc"), SysfsReader.files(), preferPsys, cpuTdp, JnaNvml::load,
                    System.getenv("CUDA_VISIBLE_DEVICES"));
        }
    }

    /** $GREENDL_POWERCAP_ROOT, else /sys/class/powercap. */
    public static Path defaultPowercapRoot() {
        String env = System.getenv("GREENDL_POWERCAP_ROOT");
        return env == null || env.isBlank() ? Path.of("/sys/class/powercap") : Path.of(env);
    }

    public static SourceSet detect(Options o) {
        List<Probe> probes = new ArrayList<>();
        CpuInfo cpuInfo = CpuInfo.read(o.procRoot().resolve("cpuinfo"));

        Probe raplCpu = RaplSource.probeCpu(o.powercapRoot(), o.reader(), o.preferPsys());
        probes.add(raplCpu);
        EnergySource cpu = raplCpu.isAvailable()
                ? ((RaplSource) raplCpu.source()).estimateWith(CpuEstimateSource.forMachine(cpuInfo,
                        CpuTdpTable.bundled(), o.cpuTdp(), "the RAPL counter gave an implausible reading"))
                : CpuEstimateSource.forMachine(cpuInfo, CpuTdpTable.bundled(), o.cpuTdp(), raplCpu.detail());
        if (!raplCpu.isAvailable()) {
            probes.add(Probe.available(cpu));
        }

        Probe raplDram = RaplSource.probeDram(o.powercapRoot(), o.reader(), o.preferPsys());
        probes.add(raplDram);
        EnergySource ram;
        if (raplDram.isAvailable()) {
            ram = ((RaplSource) raplDram.source()).estimateWith(
                    new RamEstimateSource("the RAPL dram counter gave an implausible reading"));
        } else {
            ram = new RamEstimateSource("no RAPL dram counter: " + raplDram.detail());
            probes.add(Probe.available(ram));
        }

        EnergySource gpu = null;
        if (o.nvml() != null) {
            Probe nvml = NvmlSource.probe(o.nvml(), o.cudaVisibleDevices());
            probes.add(nvml);
            gpu = nvml.source();
        } else {
            probes.add(Probe.unavailable(Component.GPU, "nvml", "GPU tracking switched off"));
        }
        return new SourceSet(cpu, gpu, ram, cpuInfo, List.copyOf(probes));
    }
}
