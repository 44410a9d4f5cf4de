package org.greendl.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * A Spark task: trains the trial it is given (JSON) in a child JVM on this executor's classpath, with the
 * engine's threads set to the task's cores ({@code spark.task.cpus}) unless the search fixed them, and returns
 * the result with the host it ran on and when and how long it read the meter.
 */
final class TrialTask implements Function<String, String> {
    private static final long serialVersionUID = 1L;
    private final String job;

    TrialTask(String job) {
        this.job = job;
    }

    @Override
    public String call(String trial) throws Exception {
        JsonNode jobNode = TrialJob.JSON.readTree(job);
        Integer fixed = TrialJob.threads(jobNode);
        TaskContext task = TaskContext.get();
        int threads = fixed != null ? fixed : task == null ? 1 : Math.max(1, task.cpus());
        Path work = Files.createTempDirectory("greendl-trial-");
        try {
            Path jobFile = Files.writeString(work.resolve("job.json"), job, StandardCharsets.UTF_8);
            Path trialFile = Files.writeString(work.resolve("trial.json"), trial, StandardCharsets.UTF_8);
            Path resultFile = work.resolve("result.json");
            Path log = work.resolve("trial.log");
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String name : System.getProperties().stringPropertyNames()) {
                if ((name.startsWith("ai.djl.") || name.startsWith("org.slf4j.")) && !name.contains("num_threads")) {
                    cmd.add("-D" + name + "=" + System.getProperty(name));
                }
            }
            cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
            cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
            cmd.add("-cp");
            cmd.add(classpath());
            cmd.add(TrialProcess.class.getName());
            cmd.add(jobFile.toString());
            cmd.add(trialFile.toString());
            cmd.add(resultFile.toString());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            // PyTorch's OpenMP threads spin while waiting; beside other tasks that starves them. Sleep instead.
            pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
            Process p = pb.start();
            int code;
            try {
                code = p.waitFor();
            } catch (InterruptedException e) {
                // The job was cancelled: the trial's JVM goes with it.
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw e;
            }
            if (code != 0 || !Files.exists(resultFile)) {
                throw new IllegalStateException("trial " + TrialJob.JSON.readTree(trial).get("id").asText()
                        + " failed on " + host() + " (exit " + code + "): " + tail(log));
            }
            ObjectNode out = (ObjectNode) TrialJob.JSON.readTree(Files.readString(resultFile));
            out.put("host", host());
            out.put("threads", threads);
            return out.toString();
        } finally {
            deleteAll(work);
        }
    }

    /** This JVM's classpath and the jars Spark added for the application (which java.class.path lacks). */
    private static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader cl = Thread.currentThread().getContextClassLoader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            // not a local file: the child cannot use it
                        }
                    }
                }
            }
        }
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The name of the machine this runs on, as the search reports it. */
    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteAll(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
