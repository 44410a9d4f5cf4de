package org.greendl.train.nas;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.greendl.data.spec.DataRecord;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSplits;
import org.greendl.deploy.runtime.BatchResult;
import org.greendl.deploy.runtime.EnergyMeter;
import org.greendl.deploy.runtime.ServeBenchmark;
import org.greendl.deploy.runtime.TrackerEnergyMeter;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.unit.Energy;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.nn.zoo.Recipe;
import org.greendl.record.AtomicFiles;
import org.greendl.record.Kind;
import org.greendl.record.RunRecord;
import org.greendl.record.StopReason;
import org.greendl.train.Budgets;
import org.greendl.train.OptimizerKind;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;

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
    private final Function<Path, TrackerConfig> trainTracker;
    private final TrackerConfig measureTracker;
    private final InputSpec input;
    private ObjectNode budgetCheck;
    private String baselineModel;
    private ObjectNode baseline;

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
        this.trainTracker = trainTracker;
        this.measureTracker = measureTracker;
        DataSplits s = splits();
        this.input = new InputSpec(s.inputShape(), s.classes(), s.vocabulary());
        String refused = input.isImage() ? space.refusesInput(input.shape().getShape())
                : "family: " + space.family() + " needs images [C, H, W]";
        if (refused != null) {
            throw new IllegalArgumentException(refused + ", the data gives " + input.describeShape());
        }
    }

    /**
     * Measures {@code model} (a zoo model name, sized by the data) in the candidates' runtime, and records when
     * the search repays itself against it ({@code break_even}); null: no baseline.
     */
    public NasSearch optBaseline(String model) {
        this.baselineModel = model;
        return this;
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
            if (baselineModel != null) {
                baseline = BreakEven.baseline(baselineModel, input, out, meter, settings.ortThreads());
                spentKwh += baseline.get("measure_energy_kwh").asDouble();
                if (!baseline.get("resumed").asBoolean()) {
                    thisRunKwh += baseline.get("measure_energy_kwh").asDouble();
                }
            }
            while (history.size() < settings.candidates()) {
                int[] g = next(rng, genes, history, seen);
                if (g == null) {
                    stop = "space-exhausted";
                    break;
                }
                String key = space.key(g);
                ObjectNode entry = journal.find(key);
                if (entry == null) {
                    if (settings.maxEnergy() != null && spentKwh >= settings.maxEnergy().kwh()) {
                        stop = "energy-budget";
                        break;
                    }
                    entry = evaluate(g, history.size(), lut, meter,
                            settings.maxEnergy() == null ? null : settings.maxEnergy().kwh() - spentKwh);
                    journal.append(entry);
                    lut.save();
                    trainedThisRun++;
                    thisRunKwh += entry.get("search_energy_kwh").asDouble();
                }
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
                    break;
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

    /** The next architecture not yet in the search, or null when none is left. */
    private int[] next(Random rng, List<int[]> genes, List<ObjectNode> history, Set<String> seen) {
        if (seen.size() >= space.size()) {
            return null;
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int[] g;
            if (settings.method() == NasSettings.Method.RANDOM || history.size() < settings.population()) {
                g = space.sample(rng);
            } else {
                g = space.mutate(genes.get(tournament(rng, history)), rng);
            }
            if (!seen.contains(space.key(g))) {
                return g;
            }
        }
        // A crowded corner of a small space: any architecture not yet tried.
        for (int attempt = 0; attempt < 10_000; attempt++) {
            int[] g = space.sample(rng);
            if (!seen.contains(space.key(g))) {
                return g;
            }
        }
        return null;
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

    /** Measures and trains one new candidate. */
    private ObjectNode evaluate(int[] g, int index, LatencyTable lut, TrackerEnergyMeter meter, Double budgetKwh)
            throws IOException {
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

        double measureKwh = measureCost(e, doc, g, space, input, out, lut, meter, settings.ortThreads());

        // Training.
        Path dir = out.resolve("runs").resolve(key);
        Files.createDirectories(dir);
        Recipe recipe = ModelResolver.recipe(spec.toString());
        TrainingConfig.Builder b = TrainingConfig.builder()
                .setEpochs(settings.epochs())
                .setBatchSize(data.options().batchSize())
                .setLearningRate(recipe.learningRate())
                .optOptimizer(OptimizerKind.parse(recipe.optimizer()))
                .optSeed(settings.seed())
                .optTracker(trainTracker.apply(dir))
                .optOutputDir(dir)
                .optModelName(key)
                .optKind(Kind.TRAIN.id())
                .putExtra("recipe", "untuned default for model spec " + spec + " (" + recipe.describe() + ")")
                .putExtra("nas_candidate", key);
        if (budgetKwh != null) {
            b.optBudgets(Budgets.none().withMaxEnergy(Energy.ofKwh(Math.max(1e-12, budgetKwh - measureKwh))));
        }
        DataSplits splits = splits();
        b.putExtra("dataset", data.spec().text())
                .putExtra(DataRecord.KEY, DataRecord.of(data, splits.provenance()).toConfigValue());
        RunRecord r;
        try (TrainingSession session = new TrainingSession(b.build())) {
            r = session.train(ModelResolver.resolve(spec.toString(), Map.of(), input).block(), splits.train(),
                    splits.validation(), null);
        }
        Double acc = r.metrics().validationAccuracy();
        e.put("validation_accuracy", acc == null ? 0 : acc);
        e.put("epochs", settings.epochs());
        e.put("train_stop_reason", r.stopReason());
        e.put("run_dir", dir.toString());
        e.put("train_energy_kwh", r.energy().totalKwh());
        e.put("measure_energy_kwh", measureKwh);
        e.put("search_energy_kwh", r.energy().totalKwh() + measureKwh);
        if (StopReason.ENERGY_BUDGET.id().equals(r.stopReason())) {
            e.put("note", "training stopped by the search's energy budget");
        }
        return e;
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
        double predicted = 0;
        int layer = 0;
        for (List<ObjectNode> u : units) {
            predicted += lut.latencyMs(u, built.layerInputs().get(layer));
            layer += u.size();
        }
        double overhead = lut.overheadMs(chw);
        double unitsSum = predicted;
        predicted = Math.max(overhead, unitsSum - (units.size() - 1) * overhead);
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
        root.put("candidates_asked", settings.candidates());
        root.put("epochs", settings.epochs());
        root.put("seed", settings.seed());
        root.put("data", data.spec().text());
        if (trainLimit != null) {
            root.put("train_limit", trainLimit);
        }
        root.put("space_size", space.size());
        List<Pareto.Point> pts = new ArrayList<>();
        double maxEnergy = 0;
        for (ObjectNode e : history) {
            pts.add(point(e));
            maxEnergy = Math.max(maxEnergy, point(e).energy());
        }
        int[] rank = Pareto.ranks(pts);
        ArrayNode arr = root.putArray("candidates");
        ArrayNode front = root.putArray("pareto_front");
        double absErr = 0;
        for (int i = 0; i < history.size(); i++) {
            ObjectNode c = history.get(i).deepCopy();
            c.put("pareto_rank", rank[i]);
            c.put("pareto", rank[i] == 0);
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
        en.put("search_kwh", spentKwh);
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
            root.set("break_even", BreakEven.of(baseline, candidates(arr), spentKwh));
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
