package org.greendl.spark;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.greendl.meter.unit.Energy;
import org.greendl.train.hpo.Configuration;
import org.greendl.train.hpo.SearchData;
import org.greendl.train.hpo.SearchSpace;
import org.greendl.train.hpo.TrainingTrialRunner;
import org.greendl.train.hpo.Trial;
import org.greendl.train.hpo.TrialResult;
import org.greendl.train.nas.CandidateTrainer;

/**
 * Trains an architecture search's candidates as Spark tasks, a batch at once, through {@link SparkTrialRunner}:
 * each candidate is a search trial whose {@code model} is its spec file and whose {@code batch} is the data's
 * batch size, trained with the spec's untuned recipe and the data's seed (the CLI gives the data the search's
 * seed) in a trial worker on an executor, under {@code OUT/trials}. Each result names its host; the energy per
 * host counts each host's machine once ({@link HostEnergy}). The search measures every candidate's cost on the
 * driver, so this trains only.
 */
public final class SparkCandidateTrainer implements CandidateTrainer, AutoCloseable {
    private final JavaSparkContext sc;
    private final boolean ownsContext;
    private final SearchData data;
    private final Path out;
    private final MeterSettings meter;
    private final Integer threads;
    /** Opened with the first batch, whose first spec stands as the runner's space model (every trial names its own). */
    private SparkTrialRunner runner;

    /**
     * Candidates trained on {@code data} under {@code out} (which the executors must see at the same path); {@code
     * threads}: the engine's threads per candidate, or null for the task's cores ({@code spark.task.cpus}).
     */
    public SparkCandidateTrainer(JavaSparkContext sc, SearchData data, Path out, MeterSettings meter, Integer threads) {
        this(sc, false, data, out, meter, threads);
    }

    private SparkCandidateTrainer(JavaSparkContext sc, boolean owns, SearchData data, Path out, MeterSettings meter,
                                  Integer threads) {
        this.sc = sc;
        this.ownsContext = owns;
        this.data = data;
        this.out = out.toAbsolutePath();
        this.meter = meter;
        this.threads = threads;
    }

    /**
     * Connects to {@code master} (a {@code spark://} master is checked first, within {@code connectTimeoutMs}) and
     * returns a trainer that stops its context when closed.
     */
    public static SparkCandidateTrainer open(String master, int connectTimeoutMs, SearchData data, Path out,
                                             MeterSettings meter, Integer threads) {
        SparkTrialRunner.checkReachable(master, connectTimeoutMs);
        return new SparkCandidateTrainer(SparkTrialRunner.context(master, "greendl-nas"), true, data, out, meter,
                threads);
    }

    /** The executors' task slots when the search starts: Spark's default parallelism over {@code spark.task.cpus}. */
    @Override
    public int slots() {
        int cpus = Math.max(1, sc.getConf().getInt("spark.task.cpus", 1));
        return Math.max(1, sc.defaultParallelism() / cpus);
    }

    @Override
    public String engine() {
        return "spark";
    }

    @Override
    public List<Trained> train(List<Candidate> batch, int epochs, Energy maxEnergyEach,
                               BiConsumer<Candidate, Trained> onResult) throws Exception {
        if (batch.isEmpty()) {
            return List.of();
        }
        long batchSize = data.request().options().batchSize();
        if (runner == null) {
            SearchSpace space = new SearchSpace(spec(batch.get(0)), data.request().spec().text(), epochs,
                    Map.of("batch", List.of(batchSize)));
            runner = new SparkTrialRunner(sc, space, data, out, meter, threads);
        }
        List<Trial> trials = new ArrayList<>();
        Map<String, Candidate> byId = new LinkedHashMap<>();
        for (Candidate c : batch) {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("batch", batchSize);
            values.put(TrainingTrialRunner.MODEL, spec(c));
            trials.add(new Trial(c.id(), new Configuration(values), epochs, null));
            byId.put(c.id(), c);
        }
        List<TrialResult> results = runner.runAll(trials, maxEnergyEach,
                (t, r) -> onResult.accept(byId.get(t.id()), trained(r)));
        List<Trained> done = new ArrayList<>();
        results.forEach(r -> done.add(trained(r)));
        return done;
    }

    private static String spec(Candidate c) {
        return c.spec().toAbsolutePath().toString();
    }

    private static Trained trained(TrialResult r) {
        return new Trained(r.validationAccuracy(), r.stopReason(), r.runDir(), Energy.ofKwh(Math.max(0, r.energyKwh())),
                r.host());
    }

    /** Energy per host with each host's machine counted once: overlapping trainings on one host share its readings. */
    @Override
    public TrainingEnergy energy(List<Trained> trained) {
        List<TrialResult> results = new ArrayList<>();
        for (Trained t : trained) {
            results.add(new TrialResult(t.runDir(), Map.of(), 0, t.validationAccuracy(), t.energy().kwh(), t.runDir(),
                    t.stopReason(), t.host()));
        }
        HostEnergy.Result e = runner != null ? runner.energyPerHost(results)
                : SparkTrialRunner.energyPerHost(out, results);
        Map<String, Energy> hosts = new LinkedHashMap<>();
        e.perHostKwh().forEach((h, kwh) -> hosts.put(h, Energy.ofKwh(kwh)));
        Map<String, Energy> shares = new LinkedHashMap<>();
        e.perTaskKwh().forEach((k, kwh) -> shares.put(k, Energy.ofKwh(kwh)));
        return new TrainingEnergy(hosts, shares, Energy.ofKwh(e.totalKwh()), meter.machine()
                ? "machine readings of candidates that trained at once on one host shared out, each host counted once"
                : "each candidate's process share, added by host");
    }

    /** Every unsuccessful attempt (failed, lost, killed) Spark's listener journalled, or null before any batch. */
    @Override
    public ArrayNode failedAttempts() {
        return runner == null ? null : runner.failedAttempts();
    }

    /** The Spark context the candidates train on. */
    public JavaSparkContext context() {
        return sc;
    }

    @Override
    public void close() {
        if (runner != null) {
            runner.close();
        }
        if (ownsContext) {
            sc.close();
        }
    }
}
