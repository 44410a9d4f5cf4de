package org.greendl.train.nas;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSplits;
import org.greendl.deploy.runtime.BatchResult;
import org.greendl.deploy.runtime.EnergyMeter;
import org.greendl.deploy.runtime.ServeBenchmark;
import org.greendl.deploy.runtime.TrackerEnergyMeter;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.unit.Energy;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.record.AtomicFiles;
import org.greendl.record.StopReason;

/**
 * A compact-architecture search: candidates drawn from a {@link NasSpace} (at random, or by aging evolution),
 * each measured (params and MACs from the profiler; ONNX Runtime latency at batch 1 and 64 and the meter's
 * energy per inference; the latency table's prediction) and trained briefly, then scored on validation accuracy.
 * The record {@code OUT/nas.json} is rewritten atomically after every candidate.
 */
public final class NasSearch {
    static final double MJ_PER_KWH = 3.6e9;
    private final NasSpace space;
    private final NasSettings settings;
    private final DataRequest data;
    private final Integer trainLimit;
    private final Path out;
    private final TrackerConfig measureTracker;
    private final InputSpec input;
    private ObjectNode budgetCheck;
    private String baselineModel;
    private ObjectNode baseline;
    private LatencyLimit limit;
    private CandidateTrainer trainer;

    /**
     * @param data what candidates train on (its batch size is the training batch)
     * @param trainTracker the meter of a candidate's training run, given its folder
     * @param measureTracker the meter of the latency and energy measurements (PROCESS mode suits a shared machine)
     */
    public NasSearch(NasSpace space, NasSettings settings, DataRequest data, Integer trainLimit, Path out,
                     Function<Path, TrackerConfig> trainTracker, TrackerConfig measureTracker) throws IOException {
        if (settings.method() == NasSettings.Method.SUPERNET) {
            throw new IllegalArgumentException("--method supernet runs in SupernetSearch, not NasSearch");
        }
        this.space = space;
        this.settings = settings;
        this.data = data;
        this.trainLimit = trainLimit;
        this.out = out;
        this.measureTracker = measureTracker;
        DataSplits s = splits();
        this.input = new InputSpec(s.inputShape(), s.classes(), s.vocabulary());
        String refused = input.isImage() ? space.refusesInput(input.shape().getShape())
                : "family: " + space.family() + " needs images [C, H, W]";
        if (refused != null) {
            throw new IllegalArgumentException(refused + ", the data gives " + input.describeShape());
        }
        this.trainer = new LocalCandidateTrainer(data, trainLimit, input, settings.seed(), out, trainTracker);
    }

    /**
     * Trains the candidates with {@code trainer} (several at once where it can: the search then proposes as many
     * as it trains at once) instead of one after another in this JVM. Cost is still measured here.
     */
    public NasSearch optTrainer(CandidateTrainer trainer) {
        this.trainer = trainer;
        return this;
    }

    /**
     * Measures {@code model} (a zoo model name, sized by the data) in the candidates' runtime, and records when
     * the search repays itself against it ({@code break_even}); null: no baseline.
     */
    public NasSearch optBaseline(String model) {
        this.baselineModel = model;
        return this;
    }

    /** The data's example shape and classes, which size every candidate. */
    public InputSpec input() {
        return input;
    }

    private DataSplits splits() throws IOException {
        return data.splits(trainLimit, null);
    }

    /** Runs (or resumes) the search; {@code progress} gets the record after every candidate. */
    public ObjectNode run(Consumer<ObjectNode> progress) throws IOException {
        Files.createDirectories(out.resolve("candidates"));
        NasJournal journal = new NasJournal(out);
        ServeBenchmark.Settings lutTiming = new ServeBenchmark.Settings(List.of(1), settings.ortThreads(), 5, 20, 0.1);
        LatencyTable lut = new LatencyTable(out, lutTiming);
        Random rng = new Random(settings.seed());
        List<ObjectNode> history = new ArrayList<>();
        List<int[]> genes = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        double spentKwh = 0;
        double thisRunKwh = 0;
        int trainedThisRun = 0;
        String stop = "candidates";
        ObjectNode budgetCheck = BudgetCheck.checkOrResume(space, input, splits(), settings.epochs(),
                settings.maxEnergy(), out, lut, measureTracker, settings.ortThreads(), journal.isEmpty());
        if (budgetCheck != null) {
            spentKwh += budgetCheck.get("measuring_kwh").asDouble();
            if (!budgetCheck.get("resumed").asBoolean()) {
                thisRunKwh += budgetCheck.get("measuring_kwh").asDouble();
            }
        }
        this.budgetCheck = budgetCheck;
        try (TrackerEnergyMeter meter = new TrackerEnergyMeter(measureTracker)) {
            limit = settings.maxLatencyMs() == null ? null
                    : new LatencyLimit(settings.maxLatencyMs(), space, input, lut);
            if (limit != null) {
                limit.checkCheapest(meter);
            }
            if (baselineModel != null) {
                baseline = BreakEven.baseline(baselineModel, input, out, meter, settings.ortThreads());
                spentKwh += baseline.get("measure_energy_kwh").asDouble();
                if (!baseline.get("resumed").asBoolean()) {
                    thisRunKwh += baseline.get("measure_energy_kwh").asDouble();
                }
            }
            // One candidate at a time under a budget, so that what is left of it is known before each one trains.
            int slots = settings.maxEnergy() != null ? 1 : Math.max(1, trainer.slots());
            boolean over = false;
            while (!over && history.size() < settings.candidates()) {
                List<int[]> batch = new ArrayList<>();
                Set<String> proposed = new HashSet<>(seen);
                while (batch.size() < Math.min(slots, settings.candidates() - history.size())) {
                    double before = limit == null ? 0 : limit.kwh();
                    int[] g = next(rng, genes, history, proposed, batch.size(), meter);
                    if (limit != null) { // timing new table units for predictions is part of the search's cost
                        spentKwh += limit.kwh() - before;
                        thisRunKwh += limit.kwh() - before;
                    }
                    if (g == null) {
                        break;
                    }
                    proposed.add(space.key(g));
                    batch.add(g);
                }
                if (batch.isEmpty()) {
                    stop = limit == null ? "space-exhausted" : "space-exhausted-within-latency-limit";
                    break;
                }
                // Cost is measured here, on this machine, for every candidate; then the new ones train at once.
                Map<String, ObjectNode> fresh = new LinkedHashMap<>();
                Map<String, Double> measuredKwh = new HashMap<>();
                List<CandidateTrainer.Candidate> toTrain = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    String key = space.key(batch.get(i));
                    if (journal.find(key) != null) {
                        continue;
                    }
                    if (settings.maxEnergy() != null && spentKwh >= settings.maxEnergy().kwh()) {
                        stop = "energy-budget";
                        over = true;
                        break;
                    }
                    ObjectNode e = measure(batch.get(i), history.size() + i, lut, meter, measuredKwh);
                    fresh.put(key, e);
                    toTrain.add(new CandidateTrainer.Candidate(e.get("id").asText(), key, Path.of(e.get("spec").asText())));
                }
                if (over) {
                    break;
                }
                if (!toTrain.isEmpty()) {
                    lut.save();
                    Energy each = null;
                    if (settings.maxEnergy() != null) {
                        double measuring = measuredKwh.values().stream().mapToDouble(Double::doubleValue).sum();
                        each = Energy.ofKwh(Math.max(1e-12, settings.maxEnergy().kwh() - spentKwh - measuring));
                    }
                    try {
                        trainBatch(toTrain, fresh, measuredKwh, each, history, journal);
                    } catch (Exception e) {
                        if (e instanceof InterruptedException) {
                            Thread.currentThread().interrupt();
                        }
                        // The record says what failed; the candidates that finished are journalled for a rerun.
                        ObjectNode failed = record(history, spentKwh, thisRunKwh, trainedThisRun, lut, "failed");
                        failed.put("failure", e.getMessage());
                        if (trainer.failedAttempts() != null) {
                            failed.set("failed_attempts", trainer.failedAttempts());
                        }
                        write(failed);
                        if (e instanceof IOException io) {
                            throw io;
                        }
                        if (e instanceof RuntimeException re) {
                            throw re;
                        }
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                    for (ObjectNode e : fresh.values()) {
                        trainedThisRun++;
                        thisRunKwh += e.get("search_energy_kwh").asDouble();
                    }
                }
                for (int[] g : batch) {
                    String key = space.key(g);
                    ObjectNode entry = fresh.containsKey(key) ? fresh.get(key) : journal.find(key);
                    seen.add(key);
                    genes.add(g);
                    history.add(entry);
                    spentKwh += entry.get("search_energy_kwh").asDouble();
                    boolean budgetHit = settings.maxEnergy() != null && spentKwh >= settings.maxEnergy().kwh();
                    if (budgetHit && history.size() < settings.candidates()) {
                        stop = "energy-budget";
                    }
                    ObjectNode record = record(history, spentKwh, thisRunKwh, trainedThisRun, lut,
                            budgetHit || history.size() == settings.candidates() ? stop : "running");
                    write(record);
                    progress.accept(record);
                    if (budgetHit) {
                        over = true;
                        break;
                    }
                }
            }
        }
        ObjectNode record = record(history, spentKwh, thisRunKwh, trainedThisRun, lut, stop);
        write(record);
        return record;
    }

    private void write(ObjectNode record) throws IOException {
        AtomicFiles.writeString(out.resolve("nas.json"),
                NasSpace.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record) + "\n");
    }

    /**
     * The next architecture not yet in the search, or null when none is left; {@code inBatch} proposals of this
     * batch came before it (evolution samples at random until the population is full, then mutates tournament
     * winners of the finished candidates).
     */
    private int[] next(Random rng, List<int[]> genes, List<ObjectNode> history, Set<String> seen, int inBatch,
                       EnergyMeter meter) throws IOException {
        if (seen.size() >= space.size()) {
            return null;
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int[] g;
            if (settings.method() == NasSettings.Method.RANDOM || history.size() < settings.population()
                    || history.size() + inBatch < settings.population()) {
                g = space.sample(rng);
            } else {
                g = space.mutate(genes.get(tournament(rng, history)), rng);
            }
            if (untriedAndFits(g, seen, meter)) {
                return g;
            }
        }
        // A crowded corner of a small space: any architecture not yet tried (fewer tries when each is predicted).
        for (int attempt = 0; attempt < (limit == null ? 10_000 : 300); attempt++) {
            int[] g = space.sample(rng);
            if (untriedAndFits(g, seen, meter)) {
                return g;
            }
        }
        return null;
    }

    private boolean untriedAndFits(int[] g, Set<String> seen, EnergyMeter meter) throws IOException {
        return !seen.contains(space.key(g)) && (limit == null || limit.admits(g, meter));
    }

    /**
     * Aging evolution's parent: {@code sample} members drawn from the population (the last {@code population}
     * candidates), the best of them by Pareto rank among the drawn, ties to higher accuracy.
     */
    private int tournament(Random rng, List<ObjectNode> history) {
        int from = history.size() - settings.population();
        List<Integer> drawn = new ArrayList<>();
        for (int i = 0; i < settings.sample(); i++) {
            drawn.add(from + rng.nextInt(settings.population()));
        }
        List<Pareto.Point> pts = new ArrayList<>();
        for (int i : drawn) {
            pts.add(point(history.get(i)));
        }
        int[] rank = Pareto.ranks(pts);
        int best = 0;
        for (int i = 1; i < drawn.size(); i++) {
            if (rank[i] < rank[best] || (rank[i] == rank[best] && pts.get(i).accuracy() > pts.get(best).accuracy())) {
                best = i;
            }
        }
        return drawn.get(best);
    }

    static Pareto.Point point(JsonNode e) {
        return new Pareto.Point(e.get("validation_accuracy").asDouble(),
                e.at("/energy_per_inference_mj/batch_1").asDouble());
    }

    /** Writes a new candidate's spec and measures its cost here; its energy goes to {@code measuredKwh}. */
    private ObjectNode measure(int[] g, int index, LatencyTable lut, TrackerEnergyMeter meter,
                               Map<String, Double> measuredKwh) throws IOException {
        String key = space.key(g);
        long[] chw = input.shape().getShape();
        ObjectNode doc = space.spec(g, chw, input.classes());
        Path spec = out.resolve("candidates").resolve(key + ".json");
        AtomicFiles.writeString(spec, NasSpace.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
        ObjectNode e = NasSpace.JSON.createObjectNode();
        e.put("id", String.format(java.util.Locale.ROOT, "c%03d", index + 1));
        e.put("key", key);
        e.set("genes", NasSpace.JSON.valueToTree(g));
        e.set("choices", space.choices(g));
        e.put("spec", spec.toString());
        measuredKwh.put(key, measureCost(e, doc, g, space, input, out, lut, meter, settings.ortThreads()));
        return e;
    }

    /**
     * Trains a batch of measured candidates, each journalled as it is done so that a kill loses only what still
     * trains: all for the search's epochs, or with successive halving the first rung for all, then the full epochs
     * for those it promotes (trained again from the start, in their own run folder).
     */
    private void trainBatch(List<CandidateTrainer.Candidate> toTrain, Map<String, ObjectNode> fresh,
                            Map<String, Double> measuredKwh, Energy each, List<ObjectNode> history,
                            NasJournal journal) throws Exception {
        Halving halving = settings.halving();
        if (halving == null) {
            trainer.train(toTrain, settings.epochs(), each, (c, t) -> {
                ObjectNode e = fresh.get(c.key());
                trained(e, t, measuredKwh.get(c.key()), settings.epochs());
                journal.append(e);
            });
            return;
        }
        Map<String, CandidateTrainer.Trained> first = new HashMap<>();
        trainer.train(toTrain, halving.minEpochs(), each, (c, t) -> first.put(c.key(), t));
        List<Pareto.Point> firstRung = new ArrayList<>();
        for (ObjectNode e : history) {
            firstRung.add(new Pareto.Point(firstRungAccuracy(e), point(e).energy()));
        }
        String suffix = "-e" + settings.epochs();
        List<CandidateTrainer.Candidate> promoted = new ArrayList<>();
        double firstKwh = 0;
        for (CandidateTrainer.Candidate c : toTrain) {
            ObjectNode e = fresh.get(c.key());
            CandidateTrainer.Trained t = first.get(c.key());
            firstKwh += t.energy().kwh();
            ObjectNode h = e.putObject("halving");
            addRung(h.putArray("rungs"), halving.minEpochs(), t);
            firstRung.add(new Pareto.Point(t.validationAccuracy(), e.at("/energy_per_inference_mj/batch_1").asDouble()));
            boolean cut = StopReason.ENERGY_BUDGET.id().equals(t.stopReason());
            if (!cut && halving.promotes(firstRung)) {
                promoted.add(new CandidateTrainer.Candidate(c.id(), c.key() + suffix, c.spec()));
            } else {
                h.put("promoted", false);
                trained(e, t, measuredKwh.get(c.key()), halving.minEpochs());
                journal.append(e);
            }
        }
        if (promoted.isEmpty()) {
            return;
        }
        Energy left = each == null ? null : Energy.ofKwh(Math.max(1e-12, each.kwh() - firstKwh));
        trainer.train(promoted, settings.epochs(), left, (c, t) -> {
            String key = c.key().substring(0, c.key().length() - suffix.length());
            ObjectNode e = fresh.get(key);
            CandidateTrainer.Trained t0 = first.get(key);
            ObjectNode h = (ObjectNode) e.get("halving");
            h.put("promoted", true);
            addRung((ArrayNode) h.get("rungs"), settings.epochs(), t);
            // The candidate's cost is both trainings; its accuracy the full one's.
            trained(e, new CandidateTrainer.Trained(t.validationAccuracy(), t.stopReason(), t.runDir(),
                    Energy.ofKwh(t0.energy().kwh() + t.energy().kwh()), t.host()), measuredKwh.get(key), settings.epochs());
            journal.append(e);
        });
    }

    private static void addRung(ArrayNode rungs, int epochs, CandidateTrainer.Trained t) {
        rungs.addObject().put("epochs", epochs).put("validation_accuracy", t.validationAccuracy())
                .put("train_energy_kwh", t.energy().kwh()).put("run_dir", t.runDir()).put("host", t.host());
    }

    /** A finished candidate's first-rung accuracy under successive halving (its only accuracy without). */
    private static double firstRungAccuracy(JsonNode e) {
        JsonNode rungs = e.at("/halving/rungs");
        return rungs.isArray() && !rungs.isEmpty() ? rungs.get(0).get("validation_accuracy").asDouble()
                : e.get("validation_accuracy").asDouble();
    }

    /** A measured candidate's entry completed with its training. */
    private void trained(ObjectNode e, CandidateTrainer.Trained t, double measureKwh, int epochs) {
        e.put("validation_accuracy", t.validationAccuracy());
        e.put("epochs", epochs);
        e.put("train_stop_reason", t.stopReason());
        e.put("run_dir", t.runDir());
        e.put("host", t.host());
        e.put("engine", trainer.engine());
        e.put("train_energy_kwh", t.energy().kwh());
        e.put("measure_energy_kwh", measureKwh);
        e.put("search_energy_kwh", t.energy().kwh() + measureKwh);
        if (StopReason.ENERGY_BUDGET.id().equals(t.stopReason())) {
            e.put("note", "training stopped by the search's energy budget");
        }
    }

    /** A finished candidate's training as the trainer reported it (a candidate journalled before hosts were: here). */
    private static CandidateTrainer.Trained trained(JsonNode e) {
        return new CandidateTrainer.Trained(e.get("validation_accuracy").asDouble(), e.path("train_stop_reason").asText(),
                e.path("run_dir").asText(), Energy.ofKwh(Math.max(0, e.path("train_energy_kwh").asDouble())),
                e.hasNonNull("host") ? e.get("host").asText() : LocalCandidateTrainer.host());
    }

    /**
     * Measures a candidate's cost into {@code e}: params and MACs, ONNX Runtime latency at batch 1 and 64 with the
     * meter's energy per inference, and the latency table's prediction with its error. Returns the energy the
     * measuring spent (kWh).
     */
    static double measureCost(ObjectNode e, ObjectNode doc, int[] g, NasSpace space, InputSpec input, Path out,
                              LatencyTable lut, TrackerEnergyMeter meter, int ortThreads) throws IOException {
        String key = space.key(g);
        long[] chw = input.shape().getShape();
        // Cost: profile, export, time the whole network at batch 1 and 64, then the latency table's prediction.
        EnergyMeter.Section section = meter.start();
        Path onnx = out.resolve("candidates").resolve(key + ".onnx");
        Onnx.Built built = Onnx.export(doc, new Shape(chw), onnx);
        e.put("params", built.profile().total().params());
        e.put("macs", built.profile().total().macs());
        e.put("onnx", onnx.toString());
        List<BatchResult> timed = ServeBenchmark.run(onnx,
                new ServeBenchmark.Settings(List.of(1, 64), ortThreads, 5, 20, 0.3), meter);
        List<List<ObjectNode>> units = space.units(g, input.classes());
        double unitsSum = lut.unitsSumMs(units, built.layerInputs());
        double netSum = lut.unitsNetSumMs(units, built.layerInputs());
        // The network pays the per-run overhead once; each unit's net figure has its own taken out.
        double overhead = lut.overheadMs(chw);
        double predicted = lut.predictMs(units, built.layerInputs(), chw);
        EnergyMeter.Reading measuring = section.stop();
        BatchResult b1 = timed.get(0);
        BatchResult b64 = timed.get(1);
        ObjectNode lat = e.putObject("latency_ms");
        lat.put("batch_1", b1.latencyMsP50());
        lat.put("batch_64", b64.latencyMsP50());
        lat.put("runs_batch_1", b1.runs());
        lat.put("runs_batch_64", b64.runs());
        lat.put("predicted_batch_1", predicted);
        lat.put("table_units_sum", unitsSum);
        lat.put("table_units_net_sum", netSum);
        lat.put("table_overhead", overhead);
        lat.put("lut_error", (predicted - b1.latencyMsP50()) / b1.latencyMsP50());
        ObjectNode en = e.putObject("energy_per_inference_mj");
        en.put("batch_1", b1.energyKwhPer1k() == null ? 0 : b1.energyKwhPer1k() / 1000 * MJ_PER_KWH);
        en.put("batch_64", b64.energyKwhPer1k() == null ? 0 : b64.energyKwhPer1k() / 1000 * MJ_PER_KWH);
        en.put("source", b1.energySource());
        en.put("note", "the meter's figure for the timing runs divided by the inferences: an estimate"
                + ("rapl".equals(b1.energySource()) ? " (CPU energy read from RAPL)" : " (modelled from CPU time)"));

        return measuring.kwh();
    }

    private ObjectNode record(List<ObjectNode> history, double spentKwh, double thisRunKwh, int trainedThisRun,
                              LatencyTable lut, String stop) {
        ObjectNode root = NasSpace.JSON.createObjectNode();
        root.put("schema", 1);
        root.put("kind", "nas");
        root.put("family", space.family());
        root.put("method", settings.method().label());
        if (settings.method() == NasSettings.Method.EVOLUTION) {
            root.put("population", settings.population());
            root.put("sample", settings.sample());
        }
        root.put("objective", "accuracy,energy");
        root.put("engine", trainer.engine());
        root.put("trained_at_once", settings.maxEnergy() != null ? 1 : Math.max(1, trainer.slots()));
        root.put("candidates_asked", settings.candidates());
        root.put("epochs", settings.epochs());
        root.put("seed", settings.seed());
        root.put("data", data.spec().text());
        if (trainLimit != null) {
            root.put("train_limit", trainLimit);
        }
        root.put("space_size", space.size());
        if (limit != null) {
            root.set("latency_limit", limit.record(history));
        }
        if (settings.halving() != null) {
            ObjectNode h = root.putObject("halving");
            h.put("eta", settings.halving().eta());
            h.put("min_epochs", settings.halving().minEpochs());
            h.put("promoted", history.stream().filter(e -> e.at("/halving/promoted").asBoolean()).count());
            h.put("what", "every candidate trains min_epochs first; one among the best 1/eta of all first-rung"
                    + " points so far (Pareto rank, then accuracy) trains again for the full epochs; the others keep"
                    + " their first-rung accuracy");
        }
        List<Pareto.Point> pts = new ArrayList<>();
        double maxEnergy = 0;
        for (ObjectNode e : history) {
            pts.add(point(e));
            maxEnergy = Math.max(maxEnergy, point(e).energy());
        }
        int[] rank = Pareto.ranks(pts);
        List<CandidateTrainer.Trained> trained = new ArrayList<>();
        double trainingSum = 0;
        for (ObjectNode e : history) {
            trained.add(trained(e));
            trainingSum += e.path("train_energy_kwh").asDouble();
        }
        CandidateTrainer.TrainingEnergy training = trainer.energy(trained);
        // Training counted per host (a host's machine once, however many candidates it trained at once); the
        // measuring, on this machine, as read.
        double measuringKwh = spentKwh - trainingSum;
        double searchKwh = measuringKwh + training.total().kwh();
        ArrayNode arr = root.putArray("candidates");
        ArrayNode front = root.putArray("pareto_front");
        double absErr = 0;
        for (int i = 0; i < history.size(); i++) {
            ObjectNode c = history.get(i).deepCopy();
            c.put("pareto_rank", rank[i]);
            c.put("pareto", rank[i] == 0);
            Energy share = training.shares().get(c.path("run_dir").asText());
            if (share != null) {
                c.put("train_energy_share_kwh", share.kwh());
            }
            if (rank[i] == 0) {
                front.add(c.get("id").asText());
            }
            absErr += Math.abs(c.at("/latency_ms/lut_error").asDouble());
            arr.add(c);
        }
        double refEnergy = settings.referenceEnergyMj() != null ? settings.referenceEnergyMj() : 1.1 * maxEnergy;
        ObjectNode hv = root.putObject("hypervolume");
        hv.put("value", Pareto.hypervolume(pts, 0, refEnergy));
        hv.put("objectives", "validation accuracy (up) x energy per inference at batch 1, mJ (down)");
        ObjectNode ref = hv.putObject("reference");
        ref.put("accuracy", 0.0);
        ref.put("energy_per_inference_mj", refEnergy);
        ref.put("how", settings.referenceEnergyMj() != null ? "given (--reference-energy-mj)"
                : "1.1 x the largest candidate's energy per inference (give --reference-energy-mj to compare searches)");
        ObjectNode l = root.putObject("latency_table");
        l.put("file", out.resolve("lut.json").toString());
        l.put("entries", lut.size());
        l.put("measured_this_run", lut.measured());
        l.put("mean_abs_error", history.isEmpty() ? 0 : absErr / history.size());
        l.put("error", "(predicted - measured) / measured, end-to-end latency at batch 1, every candidate");
        ObjectNode en = root.putObject("energy");
        en.put("search_kwh", searchKwh);
        en.put("training_kwh", training.total().kwh());
        en.put("measuring_kwh", measuringKwh);
        if (Math.abs(training.total().kwh() - trainingSum) > 1e-9 * Math.max(trainingSum, 1e-12)) {
            en.put("training_readings_sum_kwh", trainingSum);
        }
        String driver = LocalCandidateTrainer.host();
        ObjectNode hosts = en.putObject("per_host");
        training.perHost().forEach((h, kwh) -> hosts.put(h, kwh.kwh()));
        hosts.put(driver, hosts.path(driver).asDouble() + measuringKwh);
        en.put("driver_host", driver);
        en.put("per_host_counting", "training: " + training.counting() + "; measuring: on the driver's host,"
                + " as read");
        en.put("this_run_kwh", thisRunKwh);
        en.put("trained_this_run", trainedThisRun);
        en.put("what", "training and measuring of every candidate (and the measuring of the cheapest architecture when a budget was checked, and of the baseline), from the meter (an estimate where the meter"
                + " estimates); candidates resumed from the journal count what they cost when they ran");
        if (settings.maxEnergy() != null) {
            en.put("budget_kwh", settings.maxEnergy().kwh());
        }
        if (budgetCheck != null) {
            en.set("budget_check", budgetCheck);
            en.put("budget_check_kwh", budgetCheck.get("measuring_kwh").asDouble());
        }
        if (baseline != null) {
            en.put("baseline_measuring_kwh", baseline.get("measure_energy_kwh").asDouble());
            root.set("break_even", BreakEven.of(baseline, candidates(arr), searchKwh));
        }
        root.put("stop_reason", stop);
        return root;
    }

    static List<JsonNode> candidates(ArrayNode arr) {
        List<JsonNode> out = new ArrayList<>();
        arr.forEach(out::add);
        return out;
    }
}
