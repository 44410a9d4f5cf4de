package org.greendl.train.nas;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.dataset.Batch;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.greendl.data.spec.DataRecord;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSplits;
import org.greendl.deploy.runtime.EnergyMeter;
import org.greendl.deploy.runtime.TrackerEnergyMeter;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.unit.Energy;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.nn.zoo.Recipe;
import org.greendl.record.AtomicFiles;
import org.greendl.record.Kind;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;
import org.greendl.train.Budgets;
import org.greendl.train.Evaluation;
import org.greendl.train.ModelStore;
import org.greendl.train.OptimizerKind;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;

/**
 * The supernet method: one weight-sharing {@link Supernet} trained once with progressive shrinking (the largest
 * network, then elastic kernel, depth, and width with expansion), then {@code candidates} sub-networks judged with
 * the shared weights (batch norm recalibrated, no retraining) and measured like every other candidate, and the
 * Pareto front's sub-networks extracted and fine-tuned briefly, each saved as an ordinary model folder
 * ({@code model.json}, {@code model.params}, {@code run.json}). The record {@code OUT/nas.json} holds each phase's
 * epochs and energy and is rewritten after every step; a rerun with the same folder resumes after the last
 * finished phase, candidate and fine-tuning.
 */
public final class SupernetSearch {
    private final NasSpace space;
    private final NasSettings settings;
    private final SupernetSettings supernet;
    private final DataRequest data;
    private final Integer trainLimit;
    private final Path out;
    private final Function<Path, TrackerConfig> trainTracker;
    private final TrackerConfig measureTracker;
    private final DataSplits splits;
    private final InputSpec input;
    private String baselineModel;

    public SupernetSearch(NasSpace space, NasSettings settings, SupernetSettings supernet, DataRequest data,
                          Integer trainLimit, Path out, Function<Path, TrackerConfig> trainTracker,
                          TrackerConfig measureTracker) throws IOException {
        if (!space.family().equals("mobilenet")) {
            throw new IllegalArgumentException("--method supernet: the supernet is built for the mobilenet family"
                    + " only (this space's family is " + space.family() + "; use random or evolution)");
        }
        if (!space.headPools().equals(List.of("avg"))) {
            // One shared classifier serves every head width only after global average pooling; flattening makes
            // its input size depend on the width and the feature map's size.
            throw new IllegalArgumentException("--method supernet: head_pool must be [\"avg\"] for the supernet"
                    + " (this space offers " + space.headPools() + "; use random or evolution)");
        }
        this.space = space;
        this.settings = settings;
        this.supernet = supernet;
        this.data = data;
        this.trainLimit = trainLimit;
        this.out = out;
        this.trainTracker = trainTracker;
        this.measureTracker = measureTracker;
        this.splits = data.splits(trainLimit, null);
        this.input = new InputSpec(splits.inputShape(), splits.classes());
        if (!input.isImage()) {
            throw new IllegalArgumentException("family: mobilenet needs images [C, H, W], the data gives "
                    + input.describeShape());
        }
        if (splits.validation() == null) {
            throw new IllegalArgumentException("the supernet method judges sub-networks on a validation split, and"
                    + " the data gives none");
        }
    }

    /**
     * Measures {@code model} (a zoo model name, sized by the data) in the sub-networks' runtime, and records when
     * the search repays itself against it ({@code break_even}); null: no baseline.
     */
    public SupernetSearch optBaseline(String model) {
        this.baselineModel = model;
        return this;
    }

    /** Runs (or resumes) the search; {@code progress} gets one line per finished step. */
    public ObjectNode run(Consumer<String> progress) throws IOException {
        Files.createDirectories(out.resolve("candidates"));
        Files.createDirectories(out.resolve("supernet"));
        long[] chw = input.shape().getShape();
        checkSameSettings();
        State st = new State();
        Path largestSpec = writeSpec(Supernet.largestGenes(space));
        Recipe recipe = ModelResolver.recipe(largestSpec.toString());
        try (NDManager manager = NDManager.newBaseManager();
             TrackerEnergyMeter meter = new TrackerEnergyMeter(measureTracker)) {
            Engine.getInstance().setRandomSeed((int) settings.seed());
            Supernet net = new Supernet(space, (int) chw[0], input.classes());
            net.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(new Shape(chw)));

            // 0. A budget smaller than one candidate is refused before the supernet trains: the cheapest network
            // trained for all the phases' epochs is a lower bound of what the largest costs.
            int[] epochs = supernet.phaseEpochs();
            st.lut = new LatencyTable(out, new org.greendl.deploy.runtime.ServeBenchmark.Settings(
                    List.of(1), settings.ortThreads(), 5, 20, 0.1));
            boolean fresh = !Files.isRegularFile(out.resolve("supernet")
                    .resolve(Supernet.Phase.values()[0].label() + ".json"));
            st.budgetCheck = BudgetCheck.checkOrResume(space, input, splits, java.util.Arrays.stream(epochs).sum(),
                    settings.maxEnergy(), out, st.lut, measureTracker, settings.ortThreads(), fresh);
            if (st.budgetCheck != null) {
                st.spentKwh += st.budgetCheck.get("measuring_kwh").asDouble();
                if (!st.budgetCheck.get("resumed").asBoolean()) {
                    st.thisRunKwh += st.budgetCheck.get("measuring_kwh").asDouble();
                }
            }

            if (baselineModel != null) {
                st.baseline = BreakEven.baseline(baselineModel, input, out, meter, settings.ortThreads());
                st.spentKwh += st.baseline.get("measure_energy_kwh").asDouble();
                if (!st.baseline.get("resumed").asBoolean()) {
                    st.thisRunKwh += st.baseline.get("measure_energy_kwh").asDouble();
                }
            }

            // 1. Progressive shrinking, one training run per phase.
            for (Supernet.Phase p : Supernet.Phase.values()) {
                Path params = out.resolve("supernet").resolve(p.label() + ".params");
                Path entryFile = out.resolve("supernet").resolve(p.label() + ".json");
                ObjectNode entry;
                if (Files.isRegularFile(params) && Files.isRegularFile(entryFile)) {
                    try (InputStream in = new BufferedInputStream(Files.newInputStream(params))) {
                        net.loadParameters(manager, new DataInputStream(in));
                    } catch (ai.djl.MalformedModelException e) {
                        throw new IOException(params + ": not the supernet's parameters (" + e.getMessage() + ")", e);
                    }
                    entry = (ObjectNode) NasSpace.JSON.readTree(entryFile.toFile());
                    entry.put("resumed", true);
                } else {
                    if (st.overBudget()) {
                        st.stop = "energy-budget";
                        break;
                    }
                    entry = trainPhase(net, p, epochs[p.ordinal()], recipe, st);
                    AtomicFiles.write(params, o -> {
                        DataOutputStream d = new DataOutputStream(new BufferedOutputStream(o));
                        net.saveParameters(d);
                        d.flush();
                    });
                    AtomicFiles.writeString(entryFile, entry.toPrettyString() + "\n");
                    st.thisRunKwh += entry.get("energy_kwh").asDouble();
                }
                st.phases.add(entry);
                st.spentKwh += entry.get("energy_kwh").asDouble();
                progress.accept(String.format(Locale.ROOT, "supernet phase %s: %d epoch(s), %.4f Wh, largest"
                                + " network's validation accuracy %.4f", p.label(), entry.get("epochs").asInt(),
                        entry.get("energy_kwh").asDouble() * 1000, entry.path("validation_accuracy").asDouble()));
                write(st, "running");
            }

            // 2. Sub-networks judged with the shared weights, and measured.
            if (!"energy-budget".equals(st.stop)) {
                NasJournal journal = new NasJournal(out);
                LatencyTable lut = st.lut;
                List<int[]> genes = subNetworks(net);
                for (int[] g : genes) {
                    String key = space.key(g);
                    ObjectNode e = journal.find(key);
                    if (e == null) {
                        if (st.overBudget()) {
                            st.stop = "energy-budget";
                            break;
                        }
                        e = judge(net, g, st.candidates.size(), lut, meter);
                        journal.append(e);
                        lut.save();
                        st.thisRunKwh += e.get("search_energy_kwh").asDouble();
                    }
                    st.candidates.add(e);
                    st.spentKwh += e.get("search_energy_kwh").asDouble();
                    progress.accept(String.format(Locale.ROOT, "nas: %s %s acc %.4f (shared weights), %.3f ms,"
                                    + " %.4f mJ/inference", e.get("id").asText(), key,
                            e.get("validation_accuracy").asDouble(), e.at("/latency_ms/batch_1").asDouble(),
                            e.at("/energy_per_inference_mj/batch_1").asDouble()));
                    write(st, "running");
                }
            }

            // 3. The front's sub-networks extracted and fine-tuned.
            if (!"energy-budget".equals(st.stop)) {
                int[] rank = ranks(st.candidates);
                for (int i = 0; i < st.candidates.size(); i++) {
                    if (rank[i] != 0) {
                        continue;
                    }
                    ObjectNode c = st.candidates.get(i);
                    Path dir = out.resolve("runs").resolve(c.get("key").asText());
                    RunRecord r;
                    boolean resumed = Files.isRegularFile(dir.resolve(ModelStore.RECORD))
                            && Files.isRegularFile(dir.resolve(ModelStore.PARAMETERS));
                    if (resumed) {
                        r = RunRecords.read(dir.resolve(ModelStore.RECORD));
                    } else {
                        if (st.overBudget()) {
                            st.stop = "energy-budget";
                            break;
                        }
                        r = finetune(net, genes(c), c.get("key").asText(), dir, recipe, manager, chw, st);
                        st.thisRunKwh += r.energy().totalKwh();
                    }
                    st.spentKwh += r.energy().totalKwh();
                    ObjectNode f = c.putObject("finetune");
                    f.put("epochs", supernet.finetuneEpochs());
                    f.put("learning_rate", recipe.learningRate() * supernet.finetuneLrScale());
                    Double acc = r.metrics().validationAccuracy();
                    f.put("validation_accuracy", acc == null ? c.get("validation_accuracy").asDouble() : acc);
                    f.put("energy_kwh", r.energy().totalKwh());
                    f.put("model", dir.toString());
                    f.put("stop_reason", r.stopReason());
                    progress.accept(String.format(Locale.ROOT, "fine-tuned %s: %d epoch(s), validation accuracy"
                                    + " %.4f (%.4f with the shared weights), %.4f Wh; model in %s",
                            c.get("key").asText(), supernet.finetuneEpochs(), f.get("validation_accuracy").asDouble(),
                            c.get("validation_accuracy").asDouble(), r.energy().totalKwh() * 1000, dir));
                    write(st, "running");
                }
            }
        }
        if (st.stop == null) {
            st.stop = "completed";
        }
        return write(st, st.stop);
    }

    /**
     * A folder holds one search: a rerun with other settings would mix phases, sub-networks and fine-tunings that
     * belong to different searches, so it is refused.
     */
    private void checkSameSettings() throws IOException {
        ObjectNode now = NasSpace.JSON.createObjectNode();
        now.put("space", space.key(Supernet.largestGenes(space)) + " / " + space.size());
        now.put("data", data.spec().text());
        now.put("train_limit", trainLimit == null ? -1 : trainLimit);
        now.put("seed", settings.seed());
        now.put("candidates", settings.candidates());
        now.set("phase_epochs", NasSpace.JSON.valueToTree(supernet.phaseEpochs()));
        now.put("finetune_epochs", supernet.finetuneEpochs());
        now.put("finetune_lr_scale", supernet.finetuneLrScale());
        now.put("calibration_batches", supernet.calibrationBatches());
        now.put("batch", data.options().batchSize());
        Path file = out.resolve("supernet").resolve("settings.json");
        if (Files.isRegularFile(file)) {
            JsonNode before = NasSpace.JSON.readTree(file.toFile());
            for (var it = now.fields(); it.hasNext(); ) {
                var f = it.next();
                // compared as text: a long read back is an int node
                if (!f.getValue().toString().equals(String.valueOf(before.get(f.getKey())))) {
                    throw new IllegalArgumentException(out + " holds a supernet search with " + f.getKey() + " "
                            + before.get(f.getKey()) + ", this run asks " + f.getValue()
                            + " (use another --out, or the same settings to resume)");
                }
            }
        } else {
            AtomicFiles.writeString(file, now.toPrettyString() + "\n");
        }
    }

    private static int[] genes(JsonNode c) {
        int[] g = new int[c.get("genes").size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = c.get("genes").get(i).asInt();
        }
        return g;
    }

    private Path writeSpec(int[] g) throws IOException {
        Path spec = out.resolve("candidates").resolve(space.key(g) + ".json");
        ObjectNode doc = space.spec(g, input.shape().getShape(), input.classes());
        AtomicFiles.writeString(spec, NasSpace.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc) + "\n");
        return spec;
    }

    /** The largest architecture, the smallest, then distinct random ones up to {@code candidates}. */
    private List<int[]> subNetworks(Supernet net) {
        List<int[]> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int[] smallest = net.smallest();
        for (int[] g : List.of(net.largest(), smallest)) {
            if (out.size() < settings.candidates() && seen.add(space.key(g))) {
                out.add(g);
            }
        }
        Random rng = new Random(settings.seed());
        for (int attempt = 0; out.size() < settings.candidates() && attempt < 100_000; attempt++) {
            int[] g = space.sample(rng);
            if (seen.add(space.key(g))) {
                out.add(g);
            }
        }
        return out;
    }

    private TrainingConfig.Builder training(int epochs, double lr, Recipe recipe, Path dir, String name,
                                            State st) throws IOException {
        TrainingConfig.Builder b = TrainingConfig.builder()
                .setEpochs(epochs)
                .setBatchSize(data.options().batchSize())
                .setLearningRate(lr)
                .optOptimizer(OptimizerKind.parse(recipe.optimizer()))
                .optSeed(settings.seed())
                .optTracker(trainTracker.apply(dir))
                .optOutputDir(dir)
                .optModelName(name)
                .optKind(Kind.TRAIN.id())
                .putExtra("recipe", "untuned default of the space's largest model spec (" + recipe.describe() + ")")
                .putExtra("dataset", data.spec().text())
                .putExtra(DataRecord.KEY, DataRecord.of(data, splits.provenance()).toConfigValue());
        if (settings.maxEnergy() != null) {
            b.optBudgets(Budgets.none().withMaxEnergy(Energy.ofKwh(Math.max(1e-12,
                    settings.maxEnergy().kwh() - st.spentKwh))));
        }
        return b;
    }

    private ObjectNode trainPhase(Supernet net, Supernet.Phase p, int epochs, Recipe recipe, State st)
            throws IOException {
        ObjectNode e = NasSpace.JSON.createObjectNode();
        e.put("phase", p.label());
        e.put("varies", p.varies());
        e.put("epochs", epochs);
        if (epochs == 0) {
            e.put("energy_kwh", 0.0);
            e.put("note", "skipped (0 epochs)");
            return e;
        }
        Path dir = out.resolve("supernet").resolve(p.label());
        Files.createDirectories(dir);
        net.setPhase(p, settings.seed() * 31 + p.ordinal());
        net.setActive(net.largest());
        TrainingConfig config = training(epochs, recipe.learningRate(), recipe, dir, "supernet-" + p.label(), st)
                .putExtra("nas_supernet_phase", p.label()).build();
        RunRecord r = TrainingSession.run(net, splits.train(), splits.validation(), null, config);
        e.put("energy_kwh", r.energy().totalKwh());
        e.put("wall_s", r.time().wallS());
        Double acc = r.metrics().validationAccuracy();
        if (acc != null) {
            e.put("validation_accuracy", acc);
            e.put("validation_what", "the largest network with the running statistics as training left them");
        }
        e.put("run_dir", dir.toString());
        e.put("stop_reason", r.stopReason());
        return e;
    }

    /** The first {@code calibrationBatches} training batches' inputs, copied into {@code manager}. */
    private List<NDArray> calibrationInputs(NDManager manager) throws IOException {
        List<NDArray> xs = new ArrayList<>();
        for (Batch b : splits.train().getData(manager)) {
            try (b) {
                NDArray x = b.getData().head().duplicate();
                x.attach(manager);
                xs.add(x);
            }
            if (xs.size() >= supernet.calibrationBatches()) {
                break;
            }
        }
        return xs;
    }

    private ObjectNode judge(Supernet net, int[] g, int index, LatencyTable lut, TrackerEnergyMeter meter)
            throws IOException {
        String key = space.key(g);
        Path spec = writeSpec(g);
        ObjectNode e = NasSpace.JSON.createObjectNode();
        e.put("id", String.format(Locale.ROOT, "c%03d", index + 1));
        e.put("key", key);
        e.set("genes", NasSpace.JSON.valueToTree(g));
        e.set("choices", space.choices(g));
        e.put("spec", spec.toString());
        EnergyMeter.Section section = meter.start();
        double acc;
        try (NDManager scratch = NDManager.newBaseManager()) {
            net.calibrate(g, calibrationInputs(scratch));
            acc = Evaluation.evaluate(net, splits.validation()).accuracy();
        }
        double judgeKwh = section.stop().kwh();
        e.put("validation_accuracy", acc);
        e.put("validation_what", "the supernet's shared weights, batch norm recalibrated on "
                + supernet.calibrationBatches() + " training batches, no retraining");
        double measureKwh = NasSearch.measureCost(e, space.spec(g, input.shape().getShape(), input.classes()), g,
                space, input, out, lut, meter, settings.ortThreads());
        e.put("judge_energy_kwh", judgeKwh);
        e.put("measure_energy_kwh", measureKwh);
        e.put("search_energy_kwh", judgeKwh + measureKwh);
        return e;
    }

    private RunRecord finetune(Supernet net, int[] g, String key, Path dir, Recipe recipe, NDManager manager,
                               long[] chw, State st) throws IOException {
        Files.createDirectories(dir);
        Block sub;
        try (NDManager scratch = NDManager.newBaseManager()) {
            net.calibrate(g, calibrationInputs(scratch));
        }
        sub = net.extract(manager, chw);
        TrainingConfig config = training(supernet.finetuneEpochs(),
                recipe.learningRate() * supernet.finetuneLrScale(), recipe, dir, key, st)
                .putExtra("nas_supernet_extracted", key).build();
        return TrainingSession.run(sub, splits.train(), splits.validation(), null, config);
    }

    private static int[] ranks(List<ObjectNode> cs) {
        List<Pareto.Point> pts = new ArrayList<>();
        for (ObjectNode c : cs) {
            pts.add(NasSearch.point(c));
        }
        return Pareto.ranks(pts);
    }

    /** What the search has done so far. */
    private final class State {
        final List<ObjectNode> phases = new ArrayList<>();
        final List<ObjectNode> candidates = new ArrayList<>();
        double spentKwh;
        double thisRunKwh;
        String stop;
        LatencyTable lut;
        ObjectNode budgetCheck;
        ObjectNode baseline;

        boolean overBudget() {
            return settings.maxEnergy() != null && spentKwh >= settings.maxEnergy().kwh();
        }
    }

    private ObjectNode write(State st, String stop) throws IOException {
        ObjectNode root = NasSpace.JSON.createObjectNode();
        root.put("schema", 1);
        root.put("kind", "nas");
        root.put("family", "mobilenet");
        root.put("method", "supernet");
        root.put("objective", "accuracy,energy");
        root.put("candidates_asked", settings.candidates());
        root.put("seed", settings.seed());
        root.put("data", data.spec().text());
        if (trainLimit != null) {
            root.put("train_limit", trainLimit);
        }
        root.put("space_size", space.size());
        ObjectNode sn = root.putObject("supernet");
        sn.put("largest", space.key(Supernet.largestGenes(space)));
        sn.put("calibration_batches", supernet.calibrationBatches());
        sn.put("finetune_epochs", supernet.finetuneEpochs());
        sn.put("finetune_lr_scale", supernet.finetuneLrScale());
        ArrayNode ph = sn.putArray("phases");
        double phaseKwh = 0;
        for (ObjectNode p : st.phases) {
            ph.add(p);
            phaseKwh += p.get("energy_kwh").asDouble();
        }
        int[] rank = ranks(st.candidates);
        ArrayNode arr = root.putArray("candidates");
        ArrayNode front = root.putArray("pareto_front");
        List<Pareto.Point> pts = new ArrayList<>();
        double maxEnergy = 0;
        double judgeKwh = 0;
        double measureKwh = 0;
        double finetuneKwh = 0;
        double absErr = 0;
        for (int i = 0; i < st.candidates.size(); i++) {
            ObjectNode c = st.candidates.get(i).deepCopy();
            c.put("pareto_rank", rank[i]);
            c.put("pareto", rank[i] == 0);
            if (rank[i] == 0) {
                front.add(c.get("id").asText());
            }
            pts.add(NasSearch.point(c));
            maxEnergy = Math.max(maxEnergy, NasSearch.point(c).energy());
            judgeKwh += c.path("judge_energy_kwh").asDouble();
            measureKwh += c.path("measure_energy_kwh").asDouble();
            finetuneKwh += c.at("/finetune/energy_kwh").asDouble();
            absErr += Math.abs(c.at("/latency_ms/lut_error").asDouble());
            arr.add(c);
        }
        double refEnergy = settings.referenceEnergyMj() != null ? settings.referenceEnergyMj() : 1.1 * maxEnergy;
        ObjectNode hv = root.putObject("hypervolume");
        hv.put("value", Pareto.hypervolume(pts, 0, refEnergy));
        hv.put("objectives", "validation accuracy with the shared weights (up) x energy per inference at batch 1, mJ"
                + " (down)");
        ObjectNode ref = hv.putObject("reference");
        ref.put("accuracy", 0.0);
        ref.put("energy_per_inference_mj", refEnergy);
        ref.put("how", settings.referenceEnergyMj() != null ? "given (--reference-energy-mj)"
                : "1.1 x the largest candidate's energy per inference (give --reference-energy-mj to compare searches)");
        ObjectNode l = root.putObject("latency_table");
        l.put("file", out.resolve("lut.json").toString());
        l.put("entries", st.lut == null ? 0 : st.lut.size());
        l.put("measured_this_run", st.lut == null ? 0 : st.lut.measured());
        l.put("mean_abs_error", st.candidates.isEmpty() ? 0 : absErr / st.candidates.size());
        ObjectNode en = root.putObject("energy");
        en.put("search_kwh", st.spentKwh);
        en.put("this_run_kwh", st.thisRunKwh);
        en.put("supernet_training_kwh", phaseKwh);
        en.put("judging_kwh", judgeKwh);
        en.put("measuring_kwh", measureKwh);
        en.put("finetuning_kwh", finetuneKwh);
        en.put("what", "the supernet's phases, judging (recalibration and validation) and measuring of every"
                + " sub-network (and of the cheapest architecture when a budget was checked, and of the baseline), and fine-tuning of the front, from the meter (an estimate where the meter estimates)");
        if (settings.maxEnergy() != null) {
            en.put("budget_kwh", settings.maxEnergy().kwh());
        }
        if (st.budgetCheck != null) {
            en.set("budget_check", st.budgetCheck);
            en.put("budget_check_kwh", st.budgetCheck.get("measuring_kwh").asDouble());
        }
        if (st.baseline != null) {
            en.put("baseline_measuring_kwh", st.baseline.get("measure_energy_kwh").asDouble());
            root.set("break_even", BreakEven.of(st.baseline, NasSearch.candidates(arr), st.spentKwh));
        }
        root.put("stop_reason", stop);
        AtomicFiles.writeString(out.resolve("nas.json"),
                NasSpace.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        return root;
    }
}
