package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.Predictor;
import org.greendl.deploy.runtime.TopOne;
import org.greendl.nn.zoo.ModelResolver;

/**
 * The bench's variants: the baseline and one per green technique, each made with the same greendl command a
 * user would run, on the same data and seed. DJL variants are served by the PyTorch engine; int8 variants by
 * ONNX Runtime (where int8 kernels exist). Every record lists the greendl command lines that make its model
 * ({@code "made_by"}), so a user can repeat any variant.
 */
final class Techniques {
    /** Channel share removed by structured pruning alone and in the combination. */
    static final double STRUCTURED_RATIO = 0.5;
    /**
     * 0.5 keeps 16/32 and 32/64 channels. Kept counts must stay multiples of 8 for ONNX Runtime's int8 conv
     * kernels: at 0.6 (13 and 26 channels) the pruned int8 model ran no faster than the unpruned one (measured
     * with serve-bench --profile: 1,426 us per batch of 64 for the 13-channel conv as for the 32-channel one).
     */
    static final double COMBINED_RATIO = 0.5;

    private final BenchSettings s;
    private LabelledImages testSet; // read once, shared by every ONNX variant's accuracy

    Techniques(BenchSettings settings) {
        this.s = settings;
    }

    /** Every variant in run order; names are what {@code --techniques} selects. Text data has a set of its own. */
    List<Variant> all() {
        return s.data().input().isTokens() ? new TextTechniques(s, this).all() : imageSet();
    }

    /** The image (and feature-vector) set. */
    List<Variant> imageSet() {
        int fineTune = s.fineTuneEpochs();
        int distill = s.distillEpochs();
        List<Variant> v = new ArrayList<>();
        v.add(step("baseline", "train", List.of(), 0, this::baseline));
        v.add(step("mobilenet-mini", "compact", List.of(), 0, c -> trainFromScratch(c, "mobilenet-mini")));
        v.add(step("early-exit", "early-exit", List.of(), 0, c -> trainFromScratch(c, "early-exit-cnn")));
        v.add(step("prune-unstructured", "prune", List.of("baseline"), fineTune, c -> djl(c, "model", "prune",
                baselineDir(c).toString(), "--sparsity", "0.9", "--scope", "global", "--fine-tune-epochs",
                fineTune())));
        v.add(step("prune-structured", "prune", List.of("baseline"), fineTune, c -> djl(c, "model", "prune",
                baselineDir(c).toString(), "--structured", "--ratio", num(STRUCTURED_RATIO), "--fine-tune-epochs",
                fineTune())));
        v.add(step("distill", "distill", List.of("baseline"), distill, c -> djl(c, "model", "distill", "--teacher",
                baselineDir(c).toString(), "--student", student(), "--epochs", String.valueOf(distill),
                "--temperature", "2", "--alpha", "0.5")));
        v.add(step("low-rank", "factorize", List.of("baseline"), fineTune, c -> djl(c, "model", "factorize",
                baselineDir(c).toString(), "--rank-ratio", "0.35", "--fine-tune-epochs", fineTune())));
        v.add(step("onnx-fp32", "export", List.of("baseline"), 0, c -> onnx(c, baselineDir(c), false, null)));
        v.add(step("int8", "int8", List.of("baseline"), 0, c -> onnx(c, baselineDir(c), true, null)));
        v.add(step("qat-int8", "qat", List.of("baseline"), fineTune, this::qatInt8));
        v.add(step("prune-distill-int8", "combination", List.of("baseline"), distill, this::combination));
        v.add(step("nas", "nas", List.of(), 0, this::nas));
        return v;
    }

    /**
     * The selected variants plus what they need (the baseline always runs), and, when any of them trains beyond
     * the baseline, the control {@code baseline-continued} right after the baseline: the baseline trained on
     * for as many epochs as the longest of them, so that no technique is credited for its extra epochs.
     */
    List<Variant> selected() {
        List<Variant> all = all();
        Map<String, String> skipped = inapplicable();
        List<Variant> known = new ArrayList<>(all);
        if (s.data().input().isTokens()) {
            // The image set's names are known on text too: asked for, they are listed as skipped, with the reason.
            imageSet().stream().filter(v -> all.stream().noneMatch(t -> t.name().equals(v.name()))).forEach(known::add);
        }
        checkKnown(known, s.techniques(), "");
        List<Variant> chosen = (s.techniques().isEmpty() ? all : all.stream()
                .filter(v -> v.name().equals(BenchRunner.BASELINE) || s.techniques().contains(v.name())).toList())
                .stream().filter(v -> !skipped.containsKey(v.name())).toList();
        int longest = chosen.stream().mapToInt(Variant::extraEpochs).max().orElse(0);
        if (longest == 0) {
            return chosen;
        }
        List<Variant> withControl = new ArrayList<>(chosen);
        withControl.add(1, step(BenchRunner.CONTROL, "fine-tune", List.of("baseline"), longest, c -> djl(c, "model",
                "fine-tune", baselineDir(c).toString(), "--epochs", String.valueOf(longest))));
        return withControl;
    }

    /** Refuses a {@code --techniques} name none of {@code all} has, listing the known ones. */
    static void checkKnown(List<Variant> all, List<String> asked, String forWhat) {
        List<String> known = all.stream().map(Variant::name).toList();
        for (String t : asked) {
            if (!known.contains(t)) {
                throw new IllegalArgumentException("unknown technique '" + t + "'" + forWhat + " (expected some of "
                        + String.join(", ", known) + ")");
            }
        }
    }

    /** The zoo model each variant that trains one from scratch builds (the baseline's is the user's choice). */
    private static final Map<String, String> FROM_SCRATCH = Map.of("mobilenet-mini", "mobilenet-mini",
            "early-exit", "early-exit-cnn");

    /**
     * The variants (among those asked for) that do not apply to this data, each with the reason: a variant that
     * trains a zoo model the data's shape does not fit (a compact CNN on feature vectors, say).
     */
    Map<String, String> inapplicable() {
        if (s.data().input().isTokens()) {
            return new TextTechniques(s, this).inapplicable(imageSet());
        }
        Map<String, String> out = new java.util.LinkedHashMap<>();
        FROM_SCRATCH.forEach((variant, model) -> {
            if (s.techniques().isEmpty() || s.techniques().contains(variant)) {
                try {
                    ModelResolver.resolve(model, Map.of(), s.data().input());
                } catch (IllegalArgumentException e) {
                    out.put(variant, e.getMessage());
                }
            }
        });
        if (s.techniques().isEmpty() || s.techniques().contains("nas")) {
            String why = nasInapplicable();
            if (why != null) {
                out.put("nas", why);
            }
        }
        return new java.util.TreeMap<>(out);
    }

    /** The search space of the quick run's own search: small, so that it takes about a minute. */
    static final String QUICK_SPACE = "{\"family\": \"mobilenet\", \"stem_width\": [8, 16], \"stages\": ["
            + "{\"depth\": [1, 2], \"width\": [16, 24], \"kernel\": [3, 5], \"expansion\": [3, 6], \"stride\": 2},"
            + "{\"depth\": [1, 2], \"width\": [32, 48], \"kernel\": [3], \"expansion\": [3, 6], \"stride\": 2}],"
            + " \"head_width\": [64]}";

    /** Why the nas variant cannot run here, or null. */
    private String nasInapplicable() {
        if (!s.data().input().isImage()) {
            return "the architecture search's family (mobilenet) needs images, the data gives "
                    + s.data().input().describeShape();
        }
        if (s.nasSearch() == null) {
            return s.quick() ? null : "give --nas DIR (a saved greendl nas search), or run --quick for a small search";
        }
        try {
            Path spec = chosenSpec(s.nasSearch());
            ModelResolver.resolve(spec.toString(), Map.of(), s.data().input());
            return null;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return "--nas " + s.nasSearch() + ": " + e.getMessage();
        }
    }

    /** The chosen network of a search folder: the Pareto front's most accurate candidate's model spec. */
    static Path chosenSpec(Path search) throws java.io.IOException {
        com.fasterxml.jackson.databind.JsonNode r = BenchRunner.read(search.resolve("nas.json"));
        com.fasterxml.jackson.databind.JsonNode best = null;
        for (com.fasterxml.jackson.databind.JsonNode c : r.path("candidates")) {
            if (c.path("pareto").asBoolean() && (best == null
                    || accuracy(c) > accuracy(best))) {
                best = c;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("the search has no candidate on its Pareto front yet");
        }
        Path spec = search.resolve("candidates").resolve(best.get("key").asText() + ".json");
        if (!Files.isRegularFile(spec)) {
            throw new IllegalArgumentException("the chosen network's model spec " + spec + " is missing");
        }
        return spec;
    }

    /** A candidate's accuracy: fine-tuned where the supernet method fine-tuned it. */
    private static double accuracy(com.fasterxml.jackson.databind.JsonNode c) {
        return c.at("/finetune/validation_accuracy").asDouble(c.path("validation_accuracy").asDouble());
    }

    /**
     * The nas variant: the chosen network of a saved search (or, in a quick run, of a small evolution search made
     * here) trained from scratch like mobilenet-mini. The search's own energy is part of what making it cost.
     */
    private ObjectNode nas(BenchContext c) throws Exception {
        Path search = s.nasSearch();
        List<String> searchArgs = null;
        if (search == null) {
            search = c.variantDir().resolve("search");
            Path space = c.variantDir().resolve("space.json");
            Files.createDirectories(c.variantDir());
            org.greendl.record.AtomicFiles.writeString(space, QUICK_SPACE + "\n");
            searchArgs = new ArrayList<>(List.of("nas", "--space", space.toString(), "--method", "evolution",
                    "--candidates", "4", "--population", "2", "--sample", "1", "--epochs", "1",
                    "--seed", String.valueOf(s.seed()), "--train-limit", String.valueOf(Math.min(2000,
                            s.trainLimit() > 0 ? s.trainLimit() : 2000)), "--tracking-mode", "process"));
            searchArgs.addAll(s.data().args());
            searchArgs.addAll(List.of("--out", search.toString()));
            CliSteps.run(searchArgs.toArray(String[]::new));
        }
        Path spec = chosenSpec(search);
        com.fasterxml.jackson.databind.JsonNode record = BenchRunner.read(search.resolve("nas.json"));
        ObjectNode r = trainFromScratch(c, spec.toString());
        double searchKwh = record.at("/energy/search_kwh").asDouble();
        ObjectNode searchEnergy = BenchRunner.JSON.createObjectNode();
        searchEnergy.putObject("energy").put("total_kwh", searchKwh);
        Metered.add(r, searchEnergy);
        ObjectNode about = r.putObject("nas");
        about.put("search", search.toAbsolutePath().normalize().toString());
        about.put("method", record.path("method").asText());
        about.put("chosen", spec.getFileName().toString().replaceFirst("\\.json$", ""));
        about.put("search_energy_kwh", searchKwh);
        about.put("energy_note", "energy.total_kwh includes the search's energy (total only: the search record keeps"
                + " no cpu/ram split)");
        if (searchArgs != null) {
            List<ObjectNode> before = new ArrayList<>();
            ObjectNode made = BenchRunner.JSON.createObjectNode();
            made.putArray("made_by").add(CliSteps.describe(searchArgs.toArray(String[]::new)));
            before.add(made);
            madeBy(r, before, null);
        }
        return r;
    }

    /**
     * A variant whose {@code made_by} starts with the baseline's command lines when it is made from the baseline,
     * so that its list alone remakes it.
     */
    static Variant step(String name, String kind, List<String> needs, int extraEpochs, Step.Body body) {
        Step.Body withBaseline = !needs.contains(BenchRunner.BASELINE) ? body : c -> {
            ObjectNode r = body.run(c);
            madeBy(r, List.of(c.finished().get(BenchRunner.BASELINE)), null);
            return r;
        };
        return new Step(name, kind, needs, extraEpochs, withBaseline);
    }

    ObjectNode baseline(BenchContext c) throws Exception {
        if (s.baseline() != null) {
            // A model the user already trained: its record (and the energy it cost) is used as it is.
            ObjectNode r = BenchRunner.read(s.baseline().resolve("run.json"));
            r.putArray("made_by"); // made by the user, before the bench: no command of its own to repeat
            return withArtifact(r, "djl-pytorch", s.baseline().toAbsolutePath().normalize());
        }
        return trainFromScratch(c, s.baselineModel());
    }

    ObjectNode trainFromScratch(BenchContext c, String model) throws Exception {
        return trainFromScratch(c, model, List.of(), s.epochs());
    }

    /** {@code train --model MODEL --option O... --epochs EPOCHS} into {@code variantDir/model}. */
    ObjectNode trainFromScratch(BenchContext c, String model, List<String> options, int epochs) throws Exception {
        List<String> args = new ArrayList<>(List.of("train", "--model", model));
        options.forEach(o -> args.addAll(List.of("--option", o)));
        args.addAll(List.of("--epochs", String.valueOf(epochs)));
        args.addAll(dataArgs());
        Path out = c.variantDir().resolve("model");
        args.addAll(List.of("--out", out.toString()));
        return djlResult(out, args);
    }

    /** Runs a compression command on the baseline; its model folder is {@code variantDir/sub}. */
    ObjectNode djl(BenchContext c, String sub, String... command) throws Exception {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(dataArgs());
        Path out = c.variantDir().resolve(sub);
        args.addAll(List.of("--out", out.toString()));
        return djlResult(out, args);
    }

    private ObjectNode djlResult(Path out, List<String> args) throws Exception {
        CliSteps.run(args.toArray(String[]::new));
        ObjectNode r = BenchRunner.read(out.resolve("run.json"));
        madeBy(r, List.of(), args);
        return withArtifact(r, "djl-pytorch", out.toAbsolutePath().normalize());
    }

    private ObjectNode qatInt8(BenchContext c) throws Exception {
        ObjectNode qat = djl(c, "qat", "qat", baselineDir(c).toString(), "--epochs", fineTune());
        ObjectNode r = onnx(c, c.variantDir().resolve("qat"), true, qat);
        madeBy(r, List.of(qat), null);
        return r;
    }

    private ObjectNode combination(BenchContext c) throws Exception {
        ObjectNode pruned = djl(c, "pruned", "prune", baselineDir(c).toString(), "--structured", "--ratio",
                num(COMBINED_RATIO), "--fine-tune-epochs", "0");
        ObjectNode distilled = djl(c, "distilled", "distill", "--teacher", baselineDir(c).toString(), "--student",
                c.variantDir().resolve("pruned").toString(), "--epochs", String.valueOf(s.distillEpochs()),
                "--temperature", "2", "--alpha", "0.5");
        Metered.add(distilled, pruned);
        ObjectNode r = onnx(c, c.variantDir().resolve("distilled"), true, distilled);
        madeBy(r, List.of(pruned, distilled), null);
        return r;
    }

    /**
     * Exports a DJL model folder to ONNX (int8 or not), measures the export's energy, and the ONNX model's test
     * accuracy with ONNX Runtime. {@code before} is the record of the steps that made the source model for this
     * variant (their energy counts too), or null when the source is the baseline itself.
     */
    ObjectNode onnx(BenchContext c, Path source, boolean int8, ObjectNode before) throws Exception {
        Path file = c.variantDir().resolve(int8 ? "model.int8.onnx" : "model.onnx");
        List<String> args = new ArrayList<>(List.of("export", source.toString(), "--out", file.toString()));
        if (int8) {
            args.addAll(List.of("--int8", "--calibration", "minmax", "--calibration-size", "512"));
        }
        args.addAll(s.data().args());
        ObjectNode energy = Metered.measure(s.country(), () -> CliSteps.run(args.toArray(String[]::new)));
        ObjectNode r = BenchRunner.read(file.resolveSibling(file.getFileName() + ".run.json"));
        r.setAll(energy);
        if (before != null) {
            Metered.add(r, before);
        }
        testAccuracy(r, file);
        madeBy(r, List.of(), args);
        return withArtifact(r, "onnxruntime", file.toAbsolutePath().normalize());
    }

    /** The whole test split, read once and shared by every ONNX variant's accuracy. */
    LabelledImages testSet() throws java.io.IOException {
        if (testSet == null) {
            testSet = LabelledImages.of(s.data().splits().test(), null);
        }
        return testSet;
    }

    /** Puts the ONNX file's accuracy on the whole test split (ONNX Runtime) in {@code r}'s metrics. */
    void testAccuracy(ObjectNode r, Path file) throws java.io.IOException {
        LabelledImages test = testSet();
        if (!r.path("metrics").isObject()) {
            r.putObject("metrics"); // an export's record has no metrics of its own
        }
        // The data's sample shape fills a text model's free sequence length.
        try (Predictor p = Predictor.open(file, s.threads(), test.sampleShape())) {
            ((ObjectNode) r.get("metrics")).put("test_accuracy", test.accuracy(p, TopOne.BATCH));
        }
    }

    /** Sets {@code made_by} to the command lines of the steps before, in order, then {@code r}'s own. */
    static void madeBy(ObjectNode r, List<ObjectNode> before, List<String> args) {
        List<String> own = new ArrayList<>();
        if (args != null) {
            own.add(CliSteps.describe(args.toArray(String[]::new)));
        } else {
            r.path("made_by").forEach(c -> own.add(c.asText()));
        }
        ArrayNode lines = r.putArray("made_by");
        before.forEach(b -> b.path("made_by").forEach(lines::add));
        own.forEach(lines::add);
    }

    static ObjectNode withArtifact(ObjectNode r, String runtime, Path path) {
        ObjectNode a = r.putObject("artifact");
        a.put("runtime", runtime);
        a.put("path", path.toString());
        return r;
    }

    static Path baselineDir(BenchContext c) {
        ObjectNode b = c.finished().get(BenchRunner.BASELINE);
        return Path.of(b.at("/artifact/path").asText());
    }

    /** The distillation student: lenet5, or mlp for inputs too small (or not images) for its convolutions. */
    private String student() {
        try {
            ModelResolver.resolve("lenet5", Map.of(), s.data().input());
            return "lenet5";
        } catch (IllegalArgumentException e) {
            return "mlp";
        }
    }

    List<String> dataArgs() {
        List<String> a = new ArrayList<>(List.of("--seed", String.valueOf(s.seed()), "--progress", "lines"));
        if (s.trainLimit() > 0) {
            a.addAll(List.of("--limit", String.valueOf(s.trainLimit())));
        }
        a.addAll(s.data().args());
        if (s.country() != null) {
            a.addAll(List.of("--country", s.country()));
        }
        return a;
    }

    private String fineTune() {
        return String.valueOf(s.fineTuneEpochs());
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%s", x);
    }

    static boolean isModelDir(Path dir) {
        return Files.isRegularFile(dir.resolve("model.json")) && Files.isRegularFile(dir.resolve("run.json"));
    }
}
