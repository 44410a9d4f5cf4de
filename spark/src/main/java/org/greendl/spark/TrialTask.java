package org.greendl.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * A Spark task: trains the trial it is given (JSON) in one of this executor's {@link TrialWorker}s (a JVM on
 * the executor's classpath, kept for the next trial), with the engine's threads set to the task's cores
 * ({@code spark.task.cpus}) unless the search fixed them, and returns the result with the host, executor and
 * attempt it ran on and when and how long it read the meter.
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
        ObjectNode request = TrialJob.JSON.createObjectNode();
        request.set("job", jobNode);
        request.set("trial", TrialJob.JSON.readTree(trial));
        String id = request.get("trial").get("id").asText();
        TrialWorkers.Worker worker = TrialWorkers.borrow(threads);
        String answer;
        try {
            answer = worker.train(request.toString());
        } catch (InterruptedException e) {
            // The job was cancelled or the task killed: the trial stops with its worker.
            TrialWorkers.discard(worker);
            Thread.currentThread().interrupt();
            throw e;
        } catch (IOException | RuntimeException e) {
            TrialWorkers.discard(worker);
            throw new IllegalStateException("trial " + id + FAILED_ON + host() + ": " + e.getMessage(), e);
        }
        if (answer.startsWith(TrialWorker.FAILED)) {
            TrialWorkers.discard(worker);
            throw new IllegalStateException("trial " + id + FAILED_ON + host() + ": "
                    + answer.substring(TrialWorker.FAILED.length()));
        }
        TrialWorkers.giveBack(worker);
        ObjectNode out = (ObjectNode) TrialJob.JSON.readTree(answer.substring(TrialWorker.RESULT.length()));
        out.put("host", host());
        out.put("threads", threads);
        if (task != null) {
            out.put("attempt", task.attemptNumber());
        }
        SparkEnv env = SparkEnv.get();
        if (env != null) {
            out.put("executor", env.executorId());
        }
        return out.toString();
    }

    /** Between a trial's id and its host in the failure a task throws ("trial t3 failed on HOST: why"). */
    static final String FAILED_ON = " failed on ";

    /** The host a task's own failure message names, or null when it is not one of those. */
    static String hostIn(String failure) {
        int at = failure.startsWith("trial ") ? failure.indexOf(FAILED_ON) : -1;
        int colon = at < 0 ? -1 : failure.indexOf(": ", at + FAILED_ON.length());
        return colon < 0 ? null : failure.substring(at + FAILED_ON.length(), colon);
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
}
