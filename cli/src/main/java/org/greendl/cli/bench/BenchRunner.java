package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.record.AtomicFiles;

/**
 * Runs the bench's variants in order, each in {@code OUT/variants/NAME/}. A variant whose {@code run.json}
 * is already there is not run again (a rerun after Ctrl-C or a crash picks up where it stopped); a variant
 * that fails is recorded with its error and the others go on, except the baseline: without it nothing can be
 * compared, so its failure stops the bench ({@link BaselineFailed}). {@code bench.json} and {@code results.csv}
 * are rewritten atomically after every variant, so whatever finished is never lost.
 */
public final class BenchRunner {
    /** The variant every other one is compared with. */
    public static final String BASELINE = "baseline";
    /** The baseline trained on as long as the longest fine-tuning: the control for extra training. */
    public static final String CONTROL = "baseline-continued";
    static final ObjectMapper JSON = org.greendl.record.Json.MAPPER;
    private final BenchSettings settings;
    private final List<Variant> variants;
    private final PrintStream log;
    private final Measurer measurer;
    private final Map<String, Integer> extraEpochs = new LinkedHashMap<>();
    private Map<String, String> skipped = Map.of();
    private String baselineName = BASELINE;
    private ObjectNode about = JSON.createObjectNode();

    /** Measures the serving cost of the finished variants, side by side; returns an "inference" object per name. */
    public interface Measurer {
        Map<String, ObjectNode> measure(Map<String, ObjectNode> finished) throws Exception;
    }

    /** A runner whose variants put their own "inference" figures in their records (tests). */
    public BenchRunner(BenchSettings settings, List<Variant> variants, PrintStream log) {
        this(settings, variants, log, null);
    }

    public BenchRunner(BenchSettings settings, List<Variant> variants, PrintStream log, Measurer measurer) {
        this.settings = settings;
        this.variants = variants;
        this.log = log;
        this.measurer = measurer;
        variants.forEach(v -> extraEpochs.put(v.name(), v.extraEpochs()));
    }

    /** The variants left out because they do not apply to the data, with the reason, for the bench document. */
    public BenchRunner skipping(Map<String, String> notApplicable) {
        this.skipped = Map.copyOf(notApplicable);
        return this;
    }

    /** The variant the others are compared with, when it is not {@link #BASELINE} (a given ONNX file's). */
    public BenchRunner baselineNamed(String name) {
        this.baselineName = name;
        return this;
    }

    /** Fields put in the bench document after {@code dataset} (the model file and its metadata, say). */
    public BenchRunner describing(ObjectNode fields) {
        this.about = fields.deepCopy();
        return this;
    }

    /** Runs (or reuses) every variant and returns the bench document that was written. */
    public ObjectNode run() {
        long start = System.nanoTime();
        Map<String, ObjectNode> finished = new LinkedHashMap<>();
        Map<String, ObjectNode> shown = new LinkedHashMap<>();
        ObjectNode bench = null;
        for (Variant v : variants) {
            Path dir = settings.out().resolve("variants").resolve(v.name());
            Path record = dir.resolve("run.json");
            ObjectNode result;
            if (Files.isRegularFile(record)) {
                result = read(record);
                log.printf("bench: %-18s done earlier, reusing %s%n", v.name(), record);
            } else {
                result = attempt(v, dir, finished);
            }
            if (!result.has("error")) {
                finished.put(v.name(), result);
            }
            shown.put(v.name(), result);
            bench = document(shown, (System.nanoTime() - start) / 1e9);
            write(settings.out().resolve("bench.json"), bench);
            ResultsCsv.write(settings.out().resolve("results.csv"), shown.values());
            if (v.name().equals(baselineName) && result.has("error")) {
                throw new BaselineFailed(result.get("error").asText());
            }
        }
        if (measurer != null && !finished.isEmpty()) {
            // After all variants are made, so that their serving costs are measured side by side.
            try {
                measurer.measure(finished).forEach((name, inference) -> shown.get(name).set("inference", inference));
            } catch (Exception e) {
                log.printf("bench: inference measurement FAILED: %s%n", e.getMessage());
            }
            bench = document(shown, (System.nanoTime() - start) / 1e9);
            write(settings.out().resolve("bench.json"), bench);
            ResultsCsv.write(settings.out().resolve("results.csv"), shown.values());
        }
        return bench;
    }

    private ObjectNode attempt(Variant v, Path dir, Map<String, ObjectNode> finished) {
        for (String need : v.needs()) {
            if (!finished.containsKey(need)) {
                return failure(v, "skipped: it needs '" + need + "', which did not finish");
            }
        }
        log.printf("bench: %-18s running...%n", v.name());
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir);
            ObjectNode result = v.run(new BenchContext(settings, dir, Map.copyOf(finished)));
            result.put("label", v.name());
            result.put("kind", v.kind());
            // Written last: its presence is what marks the variant as done for a rerun.
            write(dir.resolve("run.json"), result);
            log.printf("bench: %-18s done in %.0f s%n", v.name(), (System.nanoTime() - t0) / 1e9);
            return result;
        } catch (Exception | LinkageError e) {
            String msg = reason(e);
            log.printf("bench: %-18s FAILED: %s%n", v.name(), msg);
            return failure(v, msg);
        }
    }

    /** One line for a failure; a file-system exception's message is only its path, so its kind is added. */
    static String reason(Throwable e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                            .toLowerCase(java.util.Locale.ROOT));
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    private static ObjectNode failure(Variant v, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("schema", 1);
        n.put("id", v.name());
        n.put("kind", v.kind());
        n.put("label", v.name());
        n.put("error", message);
        return n;
    }

    private ObjectNode document(Map<String, ObjectNode> shown, double wallSeconds) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("schema", 1);
        doc.put("dataset", settings.dataset());
        doc.setAll(about);
        if (!skipped.isEmpty()) {
            ObjectNode notRun = doc.putObject("skipped");
            new java.util.TreeMap<>(skipped).forEach(notRun::put);
        }
        doc.put("quick", settings.quick());
        if (settings.quick()) {
            // A bench on a given ONNX file trains nothing: only its serving timings are shorter.
            doc.put("quick_note", settings.epochs() == 0 ? "nothing trained; shorter serving timings"
                    : (settings.trainLimit() > 0 ? settings.trainLimit() + (settings.data().input().isTokens()
                            ? " training texts, " : " training images, ") : "")
                            + settings.epochs() + " epoch(s)");
        }
        doc.put("threads", settings.threads());
        ObjectNode setup = doc.putObject("settings");
        setup.put("train_images", settings.trainLimit() > 0 ? String.valueOf(settings.trainLimit()) : "all");
        setup.put("epochs", settings.epochs());
        setup.put("fine_tune_epochs", settings.fineTuneEpochs());
        setup.put("distill_epochs", settings.distillEpochs());
        setup.put("seed", settings.seed());
        setup.put("country", settings.country() == null ? "" : settings.country());
        ObjectNode time = doc.putObject("time");
        time.put("wall_s", wallSeconds); // this invocation; a resumed bench reuses variants made earlier
        // What making every variant took, whichever invocation made it: the bench's cost from scratch.
        time.put("making_wall_s", shown.values().stream().mapToDouble(v -> v.at("/time/wall_s").asDouble(0)).sum());
        ArrayNode arr = doc.putArray("variants");
        ObjectNode baseline = shown.get(baselineName);
        ObjectNode reference = Best.reference(baseline, shown.get(CONTROL));
        for (ObjectNode v : shown.values()) {
            if (v != baseline && baseline != null) {
                BreakEven.annotate(v, baseline);
            }
            if (v != baseline && reference != null && !v.has("error")) {
                // The control itself is compared with the baseline: what the extra epochs alone bought.
                Best.compare(v, v == shown.get(CONTROL) ? baseline : reference,
                        extraEpochs.getOrDefault(v.path("label").asText(), 0));
            }
            arr.add(v);
        }
        if (baseline != null && reference != null) {
            Best.annotate(doc, baseline, reference, shown.values());
        }
        return doc;
    }

    /** The names of the variants that failed (or were skipped because one they need failed). */
    public static List<String> failed(ObjectNode bench) {
        List<String> names = new java.util.ArrayList<>();
        bench.path("variants").forEach(v -> {
            if (v.has("error")) {
                names.add(v.path("label").asText());
            }
        });
        return names;
    }

    /** The baseline could not be made: the bench stops, since nothing else can be compared with it. */
    public static final class BaselineFailed extends IllegalStateException {
        BaselineFailed(String why) {
            super("the baseline failed, so the bench stopped before the other variants: " + why);
        }
    }

    static ObjectNode read(Path file) {
        try {
            return (ObjectNode) JSON.readTree(file.toFile());
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException(file + " is not a run record: " + e.getMessage(), e);
        }
    }

    static void write(Path file, ObjectNode doc) {
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
