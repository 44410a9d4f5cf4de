package org.greendl.meter.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * What /proc/cpuinfo says about the CPUs: model name, logical CPUs, sockets, and whether we run under a
 * hypervisor.
 */
public record CpuInfo(String modelName, int logicalCpus, int sockets, boolean virtualMachine) {

    public static CpuInfo read(Path cpuinfo) {
        String text;
        try {
            text = Files.readString(cpuinfo, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new CpuInfo("unknown", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, false);
        }
        return parse(text);
    }

    public static CpuInfo parse(String text) {
        String model = null;
        int processors = 0;
        Set<String> sockets = new HashSet<>();
        boolean hypervisor = false;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            switch (key) {
                case "processor" -> processors++;
                case "model name", "Model", "cpu model" -> {
                    if (model == null && !value.isEmpty()) {
                        model = value;
                    }
                }
                case "physical id" -> sockets.add(value);
                case "flags", "Features" -> hypervisor |= (" " + value + " ").contains(" hypervisor ");
                default -> { }
            }
        }
        return new CpuInfo(
                model == null ? "unknown" : model,
                Math.max(1, processors),
                Math.max(1, sockets.size()),
                hypervisor);
    }
}
