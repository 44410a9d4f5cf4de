package org.greendl.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.greendl.meter.unit.Energy;
import org.greendl.train.hpo.Configuration;
import org.greendl.train.hpo.SearchData;
import org.greendl.train.hpo.SearchSpace;
import org.greendl.train.hpo.Trial;
import org.greendl.train.hpo.TrialResult;
import org.greendl.train.hpo.TrialRunner;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a search's trials as Apache Spark tasks, one partition per trial, so a rung's trials train at once on
 * the cluster's executors. Each task rebuilds a {@link org.greendl.train.hpo.TrainingTrialRunner} from plain
 * values (space, data spec and options, output folder, meter settings) and trains in a long-lived trial JVM on
 * the executor ({@link TrialWorker}, one per trial running at once there, engine loaded once). Results come back to the driver as each task ends and are journalled then;
 * each names its host. What each task read and when is kept ({@code spark-tasks.jsonl}) so that
 * {@link #withEnergyPerHost} counts each host's machine once ({@link HostEnergy}).
 */
public final class SparkTrialRunner implements TrialRunner, AutoCloseable {
    /** The file beside the journal with each task's host, meter window and readings. */
    public static final String TASKS = "spark-tasks.jsonl";
    private final JavaSparkContext sc;
    private final boolean ownsContext;
    private final String job;
    private final MeterSettings meter;
    private final Path tasksFile;
    private final Map<String, HostEnergy.Task> tasks = new LinkedHashMap<>();
    private final TrialFailures failures;
    private int batches;

    /**
     * Trials of {@code space} on {@code data}, written under {@code out} (which the executors must see at the same
     * path: a shared filesystem on a cluster). {@code threads}: the engine's threads per trial, or null for the
     * task's cores ({@code spark.task.cpus}).
     */
    public SparkTrialRunner(JavaSparkContext sc, SearchSpace space, SearchData data, Path out, MeterSettings meter,
            Integer threads) {
        this(sc, false, space, data, out, meter, threads);
    }

    private SparkTrialRunner(JavaSparkContext sc, boolean owns, SearchSpace space, SearchData data, Path out,
            MeterSettings meter, Integer threads) {
        this.sc = sc;
        this.ownsContext = owns;
        this.meter = meter;
        this.job = TrialJob.job(space, data, out, meter, threads);
        this.tasksFile = out.resolve(TASKS);
        readTasks();
        this.failures = new TrialFailures(out);
        sc.sc().addSparkListener(failures);
    }

    /**
     * Connects to {@code master} (a {@code spark://} master is checked first, within {@code connectTimeoutMs}, so
     * that a wrong address fails at once) and returns a runner that stops its context when closed.
     */
    public static SparkTrialRunner open(String master, int connectTimeoutMs, SearchSpace space, SearchData data,
            Path out, MeterSettings meter, Integer threads) {
        checkReachable(master, connectTimeoutMs);
        return new SparkTrialRunner(context(master, "greendl-search"), true, space, data, out, meter, threads);
    }

    /**
     * A Spark context on {@code master} named {@code app}, with what every greendl job sets: Netty's reflection
     * flag where not set, Hadoop's and Spark's address noise quieted, and, on a {@code local} master, no UI and
     * the loopback address.
     */
    public static JavaSparkContext context(String master, String app) {
        // What Spark's launcher would pass: Netty may then use direct buffers through reflection.
        if (System.getProperty("io.netty.tryReflectionSetAccessible") == null) {
            System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        }
        // Noise on every run: Hadoop's optional native library; on this machine, which address Spark picked.
        quiet("org.apache.hadoop.util.NativeCodeLoader");
        if (master.startsWith("local")) {
            quiet("org.apache.spark.util.Utils");
        }
        SparkConf conf = new SparkConf().setAppName(app).setMaster(master);
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return new JavaSparkContext(conf);
    }

    private static void quiet(String logger) {
        String key = "org.slf4j.simpleLogger.log." + logger;
        if (System.getProperty(key) == null) {
            System.setProperty(key, "error");
        }
    }

    /** Refuses a {@code spark://host:port[,host:port]} master none of whose addresses answers. */
    public static void checkReachable(String master, int timeoutMs) {
        if (!master.startsWith("spark://")) {
            return;
        }
        String why = "no address";
        for (String hostPort : master.substring("spark://".length()).split(",")) {
            URI u = URI.create("spark://" + hostPort);
            if (u.getHost() == null || u.getPort() < 0) {
                throw new IllegalArgumentException("Spark master URL " + master + ": expected spark://HOST:PORT");
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(u.getHost(), u.getPort()), timeoutMs);
                return;
            } catch (IOException e) {
                why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        throw new IllegalStateException("cannot reach Spark master URL: " + master + " (" + why + ")");
    }

    @Override
    public TrialResult run(Trial trial) throws Exception {
        return run(trial, null);
    }

    @Override
    public TrialResult run(Trial trial, Energy maxEnergy) throws Exception {
        return runAll(List.of(trial), maxEnergy).get(0);
    }

    @Override
    public List<TrialResult> runAll(List<Trial> trials, Energy maxEnergyEach, BiConsumer<Trial, TrialResult> onResult)
            throws Exception {
        if (trials.isEmpty()) {
            return List.of();
        }
        List<String> payload = new ArrayList<>();
        for (Trial t : trials) {
            payload.add(TrialJob.trial(t, maxEnergyEach == null ? null : maxEnergyEach.kwh()));
        }
        JavaRDD<String> rdd = sc.parallelize(payload, payload.size()).map(new TrialTask(job));
        BlockingQueue<Object[]> arrived = new LinkedBlockingQueue<>();
        List<Object> partitions = new ArrayList<>();
        for (int i = 0; i < payload.size(); i++) {
            partitions.add(i);
        }
        sc.setJobDescription("greendl search: " + trials.size() + " trial(s) from " + trials.get(0).id());
        String batch = System.identityHashCode(this) + "-" + (++batches);
        failures.expect(batch, trials);
        sc.setLocalProperty(TrialFailures.BATCH, batch);
        // A failed job's other trials stop then (their workers with them), not when they would have finished.
        sc.setLocalProperty("spark.job.interruptOnCancel", "true");
        int failedBefore = failures.count();
        SimpleFutureAction<BoxedUnit> job = sc.sc().submitJob(rdd.rdd(), new FirstOfPartition(),
                CollectionConverters.asScala(partitions).toSeq(), new AbstractFunction2<Object, String, BoxedUnit>() {
                    @Override
                    public BoxedUnit apply(Object index, String result) {
                        arrived.add(new Object[] {index, result});
                        return BoxedUnit.UNIT;
                    }
                }, new AbstractFunction0<BoxedUnit>() {
                    @Override
                    public BoxedUnit apply() {
                        return BoxedUnit.UNIT;
                    }
                });
        TrialResult[] results = new TrialResult[trials.size()];
        int done = 0;
        try {
            while (done < trials.size()) {
                Object[] next = arrived.poll(200, TimeUnit.MILLISECONDS);
                if (next == null) {
                    if (job.isCompleted() && arrived.isEmpty()) {
                        try {
                            job.get(); // a failed task: throws its failure
                        } catch (Exception e) { // Scala declares nothing; the failure arrives wrapped
                            failures.awaitMore(failedBefore, 2000);
                            JsonNode first = failures.firstFailedSince(failedBefore);
                            String why = first == null ? deepestMessage(e) : first.get("reason").asText();
                            throw new IllegalStateException("the Spark job failed after " + done + " of "
                                    + trials.size() + " trial(s): " + why + " (every failed attempt is in "
                                    + TrialFailures.FILE + " and the search record's failed_attempts)", e);
                        }
                        throw new IllegalStateException("the Spark job ended with " + done + " of " + trials.size()
                                + " trial(s) back");
                    }
                    continue;
                }
                int i = (Integer) next[0];
                Trial t = trials.get(i);
                TrialResult r = accept(t, (String) next[1]);
                results[i] = r;
                done++;
                onResult.accept(t, r);
            }
        } catch (Exception | Error e) {
            job.cancel();
            throw e;
        }
        return List.of(results);
    }

    /** The innermost non-blank message of {@code e}'s causes: Spark wraps the reason in empty ones. */
    static String deepestMessage(Throwable e) {
        String found = e.getClass().getSimpleName();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                found = t.getMessage().lines().findFirst().orElse(found);
            }
        }
        return found;
    }

    /** The result a task sent back, with its host; its readings are kept (and written) for the energy per host. */
    private TrialResult accept(Trial trial, String text) throws IOException {
        JsonNode n = TrialJob.JSON.readTree(text);
        String host = n.get("host").asText();
        failures.executorHost(n.path("executor").asText(null), host);
        TrialResult r = TrialJob.result(n.get("result")).withHost(host);
        JsonNode cpu = n.get("cpu_s");
        HostEnergy.Task task = new HostEnergy.Task(key(r), host, n.get("start_ms").asLong(),
                n.get("end_ms").asLong(), meter.machine() ? null : r.energyKwh(),
                meter.machine() ? r.energyKwh() : null, cpu == null || cpu.isNull() ? null : cpu.asDouble());
        synchronized (tasks) {
            tasks.put(task.id(), task);
        }
        ObjectNode line = TrialJob.JSON.createObjectNode();
        line.put("key", task.id());
        line.put("trial", r.id());
        line.put("host", host);
        line.put("start_ms", task.startMs());
        line.put("end_ms", task.endMs());
        line.put("process_kwh", task.processKwh());
        line.put("machine_kwh", task.machineKwh());
        line.put("cpu_s", task.cpuSeconds());
        line.put("threads", n.path("threads").asInt());
        for (String f : List.of("executor", "attempt", "worker_pid", "worker_trial")) {
            if (n.hasNonNull(f)) {
                line.set(f, n.get(f));
            }
        }
        Files.createDirectories(tasksFile.getParent());
        Files.writeString(tasksFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return r;
    }

    private void readTasks() {
        tasks.putAll(readTasks(tasksFile));
    }

    /** The tasks {@code file} ({@link #TASKS}) holds, by key; a line cut short by a kill is skipped. */
    private static Map<String, HostEnergy.Task> readTasks(Path file) {
        Map<String, HostEnergy.Task> found = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return found;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                try {
                    JsonNode n = TrialJob.JSON.readTree(line);
                    found.put(n.get("key").asText(), new HostEnergy.Task(n.get("key").asText(), n.get("host").asText(),
                            n.get("start_ms").asLong(), n.get("end_ms").asLong(), number(n.get("process_kwh")),
                            number(n.get("machine_kwh")), number(n.get("cpu_s"))));
                } catch (IOException | RuntimeException e) {
                    // a line cut short by a kill: that trial's energy counts as journalled
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return found;
    }

    /** What finds a trial's task again: its run folder (one per configuration and budget). */
    private static String key(TrialResult r) {
        return r.runDir() != null ? r.runDir() : new Configuration(r.config()).key() + "@" + r.epochs();
    }

    private static Double number(JsonNode n) {
        return n == null || n.isNull() ? null : n.asDouble();
    }

    /** Energy per host of {@code trials}: those run here by their tasks' readings, others as journalled. */
    public HostEnergy.Result energyPerHost(List<TrialResult> trials) {
        synchronized (tasks) {
            return energyPerHost(tasks, trials);
        }
    }

    /**
     * Energy per host of {@code trials} run under {@code out} by earlier runners (their tasks as {@link #TASKS}
     * kept them), for a driver that has no runner open.
     */
    public static HostEnergy.Result energyPerHost(Path out, List<TrialResult> trials) {
        return energyPerHost(readTasks(out.resolve(TASKS)), trials);
    }

    private static HostEnergy.Result energyPerHost(Map<String, HostEnergy.Task> tasks, List<TrialResult> trials) {
        List<HostEnergy.Task> known = new ArrayList<>();
        for (TrialResult r : trials) {
            String key = key(r);
            HostEnergy.Task t = tasks.get(key);
            known.add(t != null ? t : new HostEnergy.Task(key, r.host() == null ? "driver" : r.host(), 0, 0,
                    r.energyKwh(), null, null));
        }
        return HostEnergy.of(known);
    }

    /**
     * {@code summary} (search.json) with {@code energy_per_host}, each trial's {@code energy_share_kwh}, and
     * {@code total_energy_kwh} as the hosts' sum, each host's machine counted once; the plain sum of the trials'
     * readings stays as {@code trials_energy_sum_kwh}.
     */
    public ObjectNode withEnergyPerHost(ObjectNode summary, List<TrialResult> trials) {
        HostEnergy.Result e = energyPerHost(trials);
        ObjectNode hosts = summary.putObject("energy_per_host");
        e.perHostKwh().forEach(hosts::put);
        var nodes = summary.get("trials");
        for (int i = 0; i < trials.size() && nodes != null && i < nodes.size(); i++) {
            TrialResult r = trials.get(i);
            Double share = e.perTaskKwh().get(key(r));
            if (share != null) {
                ((ObjectNode) nodes.get(i)).put("energy_share_kwh", share);
            }
        }
        summary.set("failed_attempts", failures.toJson());
        summary.put("trials_energy_sum_kwh", summary.path("total_energy_kwh").asDouble());
        summary.put("total_energy_kwh", e.totalKwh());
        summary.put("energy_counting", meter.machine()
                ? "per host: machine readings of overlapping trials shared out, each host counted once"
                : "per host: each trial's process share");
        return summary;
    }

    /** The Spark context the trials run on. */
    public JavaSparkContext context() {
        return sc;
    }

    /**
     * {@code summary} marked as a failed search ({@code status}, {@code failure}) with every unsuccessful
     * attempt, for the search.json a failed search leaves behind.
     */
    public ObjectNode withFailure(ObjectNode summary, String failure) {
        summary.put("status", "failed");
        summary.put("failure", failure);
        summary.set("failed_attempts", failures.toJson());
        return summary;
    }

    /** Every unsuccessful attempt so far: trial, host, executor, attempt, kind and reason. */
    public ArrayNode failedAttempts() {
        return failures.toJson();
    }

    @Override
    public void close() {
        sc.sc().removeSparkListener(failures);
        if (ownsContext) {
            sc.close();
        }
    }

    /** A partition's one element (the trial's result): the job's per-partition result. */
    private static final class FirstOfPartition extends AbstractFunction1<Iterator<String>, String>
            implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public String apply(Iterator<String> it) {
            return it.next();
        }
    }
}
