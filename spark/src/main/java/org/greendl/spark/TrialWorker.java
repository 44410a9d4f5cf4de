package org.greendl.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.greendl.meter.unit.Energy;
import org.greendl.train.hpo.TrainingTrialRunner;
import org.greendl.train.hpo.TrialResult;

/**
 * A long-lived JVM on an executor that trains trials one at a time: it reads one request per line on its
 * standard input ({@code {"job": ..., "trial": ...}}) and answers each with one line on its standard output,
 * {@code RESULT json} or {@code FAILED message}. The engine loads once, when the worker starts, with the thread
 * count it was started with; every trial after that reuses it. One trial at a time keeps what a per-trial JVM
 * kept apart: the trial seeds the engine's random generator itself (so its result does not depend on what ran
 * before it), and a process-mode reading over its window is this trial's alone.
 *
 * <p>When the executor that started it goes away (its standard input closes), the worker ends at once, even in
 * the middle of a trial, so that an orphan does not keep writing into a run folder a retry now owns.
 */
public final class TrialWorker {
    /** The prefix of an answer line; anything else on standard output is the engine's or a library's. */
    static final String RESULT = "greendl-trial-result ";
    static final String FAILED = "greendl-trial-failed ";

    private TrialWorker() {}

    public static void main(String[] args) throws Exception {
        PrintStream answers = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err); // libraries' printing stays off the answer channel
        BlockingQueue<String> requests = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    requests.add(line);
                }
            } catch (Exception e) {
                // the pipe broke: the executor is gone
            }
            Runtime.getRuntime().halt(0);
        }, "greendl-trial-requests");
        reader.setDaemon(true);
        reader.start();
        // Loaded now, so that no trial's window holds the engine's start.
        ai.djl.engine.Engine.getInstance();
        int served = 0;
        while (true) {
            String line = requests.take();
            served++;
            try {
                answers.println(RESULT + train(TrialJob.JSON.readTree(line), served));
            } catch (Exception | Error e) {
                answers.println(FAILED + SparkTrialRunner.deepestMessage(e).replace('\n', ' '));
            }
        }
    }

    private static String train(JsonNode request, int served) throws Exception {
        JsonNode trial = request.get("trial");
        JsonNode data = request.get("job").get("data");
        TrialJob.checkDataHere(data.get("spec").asText(), data.get("options"), TrialTask.host());
        TrainingTrialRunner runner = TrialJob.runner(request.get("job"));
        JsonNode max = trial.get("max_energy_kwh");
        double cpuBefore = cpuSeconds();
        long start = System.currentTimeMillis();
        TrialResult r = runner.run(TrialJob.trial(trial), max == null || max.isNull() ? null
                : Energy.ofKwh(max.asDouble()));
        long end = System.currentTimeMillis();
        ObjectNode out = TrialJob.JSON.createObjectNode();
        out.set("result", TrialJob.result(r));
        out.put("start_ms", start);
        out.put("end_ms", end);
        double cpu = cpuSeconds();
        if (cpu >= 0 && cpuBefore >= 0) {
            out.put("cpu_s", cpu - cpuBefore);
        }
        out.put("worker_pid", ProcessHandle.current().pid());
        out.put("worker_trial", served);
        return out.toString();
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
