package org.greendl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.greendl.meter.ConfigResolver;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.carbon.IntensityChoice;
import org.greendl.meter.source.Probe;
import org.greendl.meter.source.ProcFs;
import org.greendl.meter.source.SourceSet;
import org.greendl.meter.source.Sources;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code greendl doctor}: which energy sources work here, and why the others do not. */
@Command(name = "doctor", description = "Show which energy sources work on this machine and why the others do not.")
public final class DoctorCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Option(names = "--format", defaultValue = "text", description = "text or json.")
    MeterOutput.Format format;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        MeterOutput.quietMeterLog();
        PrintWriter out = spec.commandLine().getOut();
        TrackerConfig config = ConfigResolver.resolve(ConfigResolver.Flags.none()).build();
        SourceSet set = Sources.detect(Sources.Options.system(null, config.cpuTdp(), config.preferPsys()));
        String procCheck = procCheck();
        IntensityChoice place = config.intensityChoice();
        try {
            if (format == MeterOutput.Format.json) {
                ObjectMapper json = new ObjectMapper();
                ObjectNode root = json.createObjectNode();
                ArrayNode probes = root.putArray("probes");
                for (Probe p : set.probes()) {
                    ObjectNode o = probes.addObject();
                    o.put("component", p.component().label());
                    o.put("kind", p.kind());
                    o.put("available", p.isAvailable());
                    o.put("used", p.isAvailable() && used(set, p));
                    o.put("detail", p.detail());
                }
                ObjectNode chosen = root.putObject("chosen");
                chosen.put("cpu", set.cpuKind());
                chosen.put("gpu", set.gpuKind());
                chosen.put("ram", set.ramKind());
                root.put("powercap_root", Sources.defaultPowercapRoot().toString());
                root.put("proc", procCheck);
                root.put("cpu_model", set.cpuInfo().modelName());
                root.put("logical_cpus", set.cpuInfo().logicalCpus());
                root.put("virtual_machine", set.cpuInfo().virtualMachine());
                ObjectNode carbon = root.putObject("carbon");
                carbon.put("intensity_g_per_kwh", place.intensity().gramsPerKwh());
                carbon.put("country_iso_code", place.countryIso());
                carbon.put("source", place.source());
                out.println(json.writeValueAsString(root));
            } else {
                out.printf(Locale.ROOT, "CPU: %s (%d logical CPUs%s)%n", set.cpuInfo().modelName(),
                        set.cpuInfo().logicalCpus(), set.cpuInfo().virtualMachine() ? ", virtual machine" : "");
                for (Probe p : set.probes()) {
                    String state = !p.isAvailable() ? "unavailable" : used(set, p) ? "USED" : "available";
                    out.printf(Locale.ROOT, "%-4s %-9s %-12s %s%n", p.component().label(), p.kind(), state, p.detail());
                }
                out.println("/proc: " + procCheck);
                out.printf(Locale.ROOT, "carbon: %.1f gCO2eq/kWh, %s%n", place.intensity().gramsPerKwh(), place.source());
            }
            out.flush();
        } finally {
            set.close();
        }
        return 0;
    }

    private static boolean used(SourceSet set, Probe p) {
        return p.source() == set.cpu() || p.source() == set.gpu() || p.source() == set.ram();
    }

    private static String procCheck() {
        ProcFs proc = ProcFs.system();
        long[] a = new long[2];
        try {
            proc.machineCpu(a);
            proc.memory(a);
            proc.processTree(ProcessHandle.current().pid(), a);
            return "readable (CPU utilization, memory and process tree for --tracking-mode process)";
        } catch (IOException e) {
            return "NOT readable: " + e.getMessage() + " (estimates take CPU utilization as 0)";
        }
    }
}
