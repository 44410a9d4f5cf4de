package org.greendl.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.ExceptionFailure;
import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.TaskFailedReason;
import org.apache.spark.TaskKilled;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.greendl.train.hpo.Trial;

/**
 * Every task attempt of a search that did not succeed — failed (the trial threw), lost (its executor went away)
 * or killed (cancelled when another trial failed the job) — with its trial, host, executor, attempt and reason.
 * A Spark listener sees them; they are journalled ({@code spark-failures.jsonl}, so a resumed search still has
 * them) and go into {@code search.json} as {@code failed_attempts}. A failed attempt returned no reading: its
 * energy is not in the search's total.
 */
final class TrialFailures extends SparkListener {
    /** The file beside the journal. */
    static final String FILE = "spark-failures.jsonl";
    /** The local property naming which batch of trials a Spark job runs. */
    static final String BATCH = "greendl.trial.batch";
    private final Path file;
    private final Map<String, List<Trial>> batches = new ConcurrentHashMap<>();
    private final Map<Integer, String> stageBatch = new ConcurrentHashMap<>();
    private final List<ObjectNode> attempts = new ArrayList<>();
    /** Executor id to the host name its trials reported, as the trials' records name hosts. */
    private final Map<String, String> hostOfExecutor = new ConcurrentHashMap<>();

    TrialFailures(Path out) {
        this.file = out.resolve(FILE);
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    try {
                        attempts.add((ObjectNode) TrialJob.JSON.readTree(line));
                    } catch (IOException | RuntimeException e) {
                        // a line cut short by a kill
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** The trials of the job about to be submitted with local property {@link #BATCH} = {@code batch}. */
    void expect(String batch, List<Trial> trials) {
        batches.put(batch, trials);
    }

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        String batch = start.properties() == null ? null : start.properties().getProperty(BATCH);
        if (batch != null) {
            for (Object id : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) {
                stageBatch.put((Integer) id, batch);
            }
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        if (!(end.reason() instanceof TaskFailedReason reason)) {
            return;
        }
        String batch = stageBatch.get(end.stageId());
        List<Trial> trials = batch == null ? null : batches.get(batch);
        int index = end.taskInfo().index();
        if (trials == null || index >= trials.size()) {
            return;
        }
        Trial t = trials.get(index);
        ObjectNode n = TrialJob.JSON.createObjectNode();
        n.put("trial", t.id());
        n.put("key", t.key());
        n.set("config", TrialJob.JSON.valueToTree(t.config().values()));
        n.put("epochs", t.epochs());
        n.put("attempt", end.taskInfo().attemptNumber());
        String why = reason instanceof ExceptionFailure e ? e.description() : reason.toErrorString();
        why = why == null ? "" : why.lines().findFirst().orElse("");
        String executor = end.taskInfo().executorId();
        // Spark knows the executor by its address; the trials' records (and energy_per_host) by the host name the
        // task itself reports: that name where it is known, the address beside it.
        String named = TrialTask.hostIn(why);
        n.put("host", named != null ? named : hostOfExecutor.getOrDefault(executor, end.taskInfo().host()));
        n.put("spark_host", end.taskInfo().host());
        n.put("executor", executor);
        n.put("kind", reason instanceof ExecutorLostFailure ? "lost" : reason instanceof TaskKilled ? "killed"
                : "failed");
        n.put("reason", why);
        n.put("time_ms", end.taskInfo().finishTime());
        synchronized (attempts) {
            attempts.add(n);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, n + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                // the record in memory still has it
            }
            attempts.notifyAll();
        }
    }

    /** Notes the host name a trial on {@code executor} reported, for the attempts that fail there later. */
    void executorHost(String executor, String host) {
        if (executor != null && host != null) {
            hostOfExecutor.put(executor, host);
        }
    }

    /** How many unsuccessful attempts are known. */
    int count() {
        synchronized (attempts) {
            return attempts.size();
        }
    }

    /** Waits up to {@code ms} for more than {@code known} attempts (the listener runs behind the job). */
    void awaitMore(int known, long ms) throws InterruptedException {
        long until = System.currentTimeMillis() + ms;
        synchronized (attempts) {
            while (attempts.size() <= known && System.currentTimeMillis() < until) {
                attempts.wait(Math.max(1, until - System.currentTimeMillis()));
            }
        }
    }

    /** The first failed (not lost or killed) attempt after the first {@code from}, or null. */
    JsonNode firstFailedSince(int from) {
        synchronized (attempts) {
            for (int i = from; i < attempts.size(); i++) {
                if ("failed".equals(attempts.get(i).get("kind").asText())) {
                    return attempts.get(i);
                }
            }
            return null;
        }
    }

    /** All of them, in the order they happened. */
    ArrayNode toJson() {
        ArrayNode a = TrialJob.JSON.createArrayNode();
        synchronized (attempts) {
            attempts.forEach(a::add);
        }
        return a;
    }
}
