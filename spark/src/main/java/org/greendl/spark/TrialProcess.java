package org.greendl.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.greendl.meter.unit.Energy;
import org.greendl.train.hpo.TrainingTrialRunner;
import org.greendl.train.hpo.TrialResult;

/**
 * Trains one trial in a JVM of its own, started by the task on the executor: {@code JOB TRIAL RESULT} (files).
 * A process per trial keeps trials that share an executor apart: the engine's global random generator (a
 * trial's initialization would otherwise depend on what ran beside it), its thread count (fixed when the
 * engine loads), and process-mode metering (which charges this process's CPU share).
 */
public final class TrialProcess {
    private TrialProcess() {}

    public static void main(String[] args) throws Exception {
        JsonNode job = TrialJob.JSON.readTree(Files.readString(Path.of(args[0])));
        JsonNode trial = TrialJob.JSON.readTree(Files.readString(Path.of(args[1])));
        TrainingTrialRunner runner = TrialJob.runner(job);
        JsonNode max = trial.get("max_energy_kwh");
        double cpuBefore = cpuSeconds();
        long start = System.currentTimeMillis();
        TrialResult r = runner.run(TrialJob.trial(trial), max == null || max.isNull() ? null : Energy.ofKwh(max.asDouble()));
        long end = System.currentTimeMillis();
        ObjectNode out = TrialJob.JSON.createObjectNode();
        out.set("result", TrialJob.result(r));
        out.put("start_ms", start);
        out.put("end_ms", end);
        double cpu = cpuSeconds();
        if (cpu >= 0 && cpuBefore >= 0) {
            out.put("cpu_s", cpu - cpuBefore);
        }
        Path result = Path.of(args[2]);
        Path tmp = result.resolveSibling(result.getFileName() + ".tmp");
        Files.writeString(tmp, out.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, result, StandardCopyOption.ATOMIC_MOVE);
        // The engine's threads would keep the JVM alive.
        System.exit(0);
    }

    /** This process's CPU time, or -1 where the JVM cannot say. */
    private static double cpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long ns = os.getProcessCpuTime();
            return ns < 0 ? -1 : ns / 1e9;
        }
        return -1;
    }
}
