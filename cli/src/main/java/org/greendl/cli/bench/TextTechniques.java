package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bench's set for text data (examples of token ids): the baseline {@code text-transformer}, the cheap
 * {@code bag-of-embeddings} row, the transformer with one option changed each (ALBERT sharing, factorized
 * embedding, linear attention, an exit after each layer), distillation into a 2-layer student with the same
 * student trained alone as its control, ONNX fp32 and dynamic int8 (of the baseline, and of a wide 2-layer
 * transformer trained as long, where the MatMuls int8 speeds up are most of the time), and the baseline with half
 * its attention heads removed and fine-tuned. Each is made with the greendl commands a user would run ({@code train --option},
 * {@code distill --student-option}, {@code export}, {@code quantize --dynamic}, {@code prune --heads}).
 */
final class TextTechniques {
    /** The baseline on text data unless {@code --model} names another. */
    static final String BASELINE_MODEL = "text-transformer";
    /** Six layers, as DistilBERT's teacher has twice its student's: exits and a 2-layer student have layers to save. */
    static final List<String> BASELINE_OPTIONS = List.of("layers=6");
    /**
     * A third of the layers and 3/8 of the width: the embedding table (vocabulary x width) dominates the parameters,
     * so the width must shrink too for the student to be a third of the teacher (at width 32 it is 0.38 of it).
     */
    static final List<String> STUDENT_OPTIONS = List.of("layers=2", "width=24");
    /** The factorized embedding's inner size E (the table is V x E, then E x width). */
    static final String FACTORIZED = "factorized=16";
    /** The variants made by changing one option of the baseline text-transformer. */
    static final Map<String, String> CHANGED = new LinkedHashMap<>();

    static {
        CHANGED.put("albert", "sharing=albert");
        CHANGED.put("factorized", FACTORIZED);
        CHANGED.put("linear-attention", "attention=linear");
        CHANGED.put("early-exit", "exits=layer");
    }

    /** Share of each encoder's attention heads prune-heads removes: 2 of the baseline's 4. */
    static final double HEAD_RATIO = 0.5;

    /** Batch of the int8 against fp32 throughput comparison. */
    static final int INT8_BATCH = 32;

    /**
     * The int8-wide variant's network. At the baseline's width (64) a text of a dozen tokens is a few small MatMuls,
     * and quantizing activations per batch costs about what int8 saves; at width 512 the MatMuls dominate.
     */
    static final List<String> WIDE_OPTIONS = List.of("layers=2", "width=512");

    private final BenchSettings s;
    private final Techniques t;

    TextTechniques(BenchSettings settings, Techniques techniques) {
        this.s = settings;
        this.t = techniques;
    }

    List<Variant> all() {
        int distill = s.distillEpochs();
        int fineTune = s.fineTuneEpochs();
        List<Variant> v = new ArrayList<>();
        v.add(Techniques.step(BenchRunner.BASELINE, "train", List.of(), 0, this::baseline));
        v.add(Techniques.step("bag-of-embeddings", "bag-of-embeddings", List.of(), 0,
                c -> t.trainFromScratch(c, "bag-of-embeddings", List.of(), s.epochs())));
        v.add(Techniques.step("albert", "sharing", List.of(), 0, c -> changed(c, "albert")));
        v.add(Techniques.step("factorized", "factorized-embedding", List.of(), 0, c -> changed(c, "factorized")));
        v.add(Techniques.step("linear-attention", "linear-attention", List.of(), 0, this::linearAttention));
        v.add(Techniques.step("early-exit", "early-exit", List.of(), 0, c -> changed(c, "early-exit")));
        v.add(Techniques.step("distill", "distill", List.of(BenchRunner.BASELINE), distill, this::distill));
        v.add(Techniques.step("distill-student-alone", "train", List.of(), 0, this::studentAlone));
        v.add(Techniques.step("onnx-fp32", "export", List.of(BenchRunner.BASELINE), 0,
                c -> t.onnx(c, Techniques.baselineDir(c), false, null)));
        v.add(Techniques.step("int8", "int8", List.of(BenchRunner.BASELINE), 0,
                c -> int8(c, Techniques.baselineDir(c), null)));
        v.add(Techniques.step("int8-wide", "int8", List.of(), 0, this::int8Wide));
        v.add(Techniques.step("prune-heads", "prune", List.of(BenchRunner.BASELINE), fineTune, c -> t.djl(c,
                "model", "prune", Techniques.baselineDir(c).toString(), "--heads", String.valueOf(HEAD_RATIO),
                "--fine-tune-epochs", String.valueOf(fineTune))));
        return v;
    }

    /**
     * The text set's variants that cannot run here, and every image variant that has no text counterpart, each
     * with the reason (only those asked for, when {@code --techniques} names some).
     */
    Map<String, String> inapplicable(List<Variant> imageSet) {
        Map<String, String> out = new TreeMap<>();
        List<String> textNames = all().stream().map(Variant::name).toList();
        for (Variant v : imageSet) {
            if (!textNames.contains(v.name())) {
                out.put(v.name(), imageOnly(v.name()));
            }
        }
        String base = s.baseline() != null ? "the given baseline " + s.baseline() : s.baselineModel();
        if (s.baseline() != null || !BASELINE_MODEL.equals(s.baselineModel())) {
            CHANGED.keySet().forEach(name -> out.put(name, "it is the bench's text-transformer (" + String.join(",",
                    BASELINE_OPTIONS) + ") with " + CHANGED.get(name) + ", compared with the same network without it;"
                    + " the baseline here is " + base));
        }
        if ("bag-of-embeddings".equals(s.baselineModel()) && s.baseline() == null) {
            out.put("bag-of-embeddings", "the baseline is bag-of-embeddings itself");
            out.put("prune-heads", "the baseline, bag-of-embeddings, has no attention heads");
        }
        if (!s.techniques().isEmpty()) {
            out.keySet().retainAll(s.techniques());
        }
        return out;
    }

    /** The reason an image variant with no text counterpart is not run on text. */
    private static String imageOnly(String name) {
        return switch (name) {
            case "mobilenet-mini" -> "a compact CNN: it takes images, the data gives token ids";
            case "prune-structured" -> "it removes convolution channels; a text model has none (prune-heads removes"
                    + " attention heads)";
            case "prune-distill-int8" -> "it starts from channel pruning, which needs convolutions";
            case "nas" -> "the architecture search's family (mobilenet) needs images, the data gives token ids";
            default -> "an image technique, not in the text set (" + name + ")";
        };
    }

    private ObjectNode baseline(BenchContext c) throws Exception {
        if (s.baseline() != null) {
            return t.baseline(c);
        }
        return t.trainFromScratch(c, s.baselineModel(), BASELINE_MODEL.equals(s.baselineModel()) ? BASELINE_OPTIONS
                : List.of(), s.epochs());
    }

    /** The baseline's network with one option added, trained from scratch as long. */
    private ObjectNode changed(BenchContext c, String variant) throws Exception {
        List<String> options = new ArrayList<>(BASELINE_OPTIONS);
        options.add(CHANGED.get(variant));
        return t.trainFromScratch(c, BASELINE_MODEL, options, s.epochs());
    }

    /** Linear attention, and softmax against linear time per sequence at 64 to 1,024 tokens of real text. */
    private ObjectNode linearAttention(BenchContext c) throws Exception {
        ObjectNode r = changed(c, "linear-attention");
        List<String> linear = new ArrayList<>(BASELINE_OPTIONS);
        linear.add(CHANGED.get("linear-attention"));
        r.set("sequence_scaling", SequenceScaling.measure(BASELINE_OPTIONS, linear, t.testSet(), s.data().input(),
                s.quick(), s.threads()));
        return r;
    }

    private ObjectNode distill(BenchContext c) throws Exception {
        List<String> args = new ArrayList<>(List.of("distill", "--teacher", Techniques.baselineDir(c).toString(),
                "--student", BASELINE_MODEL));
        STUDENT_OPTIONS.forEach(o -> args.addAll(List.of("--student-option", o)));
        args.addAll(List.of("--epochs", String.valueOf(s.distillEpochs()), "--temperature", "2", "--alpha", "0.5"));
        ObjectNode r = t.djl(c, "model", args.toArray(String[]::new));
        r.put("control", "distill-student-alone");
        return r;
    }

    /** The distillation's student trained on the labels alone, as many epochs: what distillation is compared with. */
    private ObjectNode studentAlone(BenchContext c) throws Exception {
        ObjectNode r = t.trainFromScratch(c, BASELINE_MODEL, STUDENT_OPTIONS, s.distillEpochs());
        r.put("control_for", "distill");
        return r;
    }

    /**
     * {@code export} then {@code quantize --dynamic} (int8 MatMul weights, activations quantized per batch) of the
     * model in {@code source}, the int8 file's accuracy on the test split, and its throughput against the fp32 file at
     * batch 32, interleaved. {@code before} is the record of a training that made {@code source} for this variant.
     */
    private ObjectNode int8(BenchContext c, Path source, ObjectNode before) throws Exception {
        Path fp32 = c.variantDir().resolve("model.onnx");
        Path int8 = c.variantDir().resolve("model.int8.onnx");
        List<String> export = new ArrayList<>(List.of("export", source.toString(), "--out",
                fp32.toString()));
        export.addAll(s.data().args());
        List<String> quantize = List.of("quantize", fp32.toString(), "--dynamic", "--out", int8.toString());
        ObjectNode energy = Metered.measure(s.country(), () -> {
            CliSteps.run(export.toArray(String[]::new));
            CliSteps.run(quantize.toArray(String[]::new));
        });
        // The export's record counts the network (params, MACs); the bytes are the int8 file's.
        ObjectNode r = BenchRunner.read(fp32.resolveSibling(fp32.getFileName() + ".run.json"));
        r.setAll(energy);
        ObjectNode q = BenchRunner.read(int8.resolveSibling(int8.getFileName() + ".run.json"));
        ((ObjectNode) r.get("model")).put("bytes", Files.size(int8));
        ((ObjectNode) r.get("model")).put("counted_on", "the fp32 export (the same weights, stored int8)");
        r.set("quantize", q.path("config"));
        t.testAccuracy(r, int8);
        r.set("int8_vs_fp32", Int8Throughput.measure(fp32, int8, t.testSet(), INT8_BATCH, s.quick() ? 3 : 7,
                s.quick() ? 0.5 : 2.0, s.threads()));
        ArrayNode lines = r.putArray("made_by");
        if (before != null) {
            Metered.add(r, before);
            before.path("made_by").forEach(lines::add);
            ((ObjectNode) r.get("int8_vs_fp32")).put("fp32_test_accuracy", before.at("/metrics/test_accuracy")
                    .asDouble());
        }
        lines.add(CliSteps.describe(export.toArray(String[]::new)));
        lines.add(CliSteps.describe(quantize.toArray(String[]::new)));
        return Techniques.withArtifact(r, "onnxruntime", int8.toAbsolutePath().normalize());
    }

    /** A wide 2-layer text-transformer trained as long as the baseline, then int8 as above against its own fp32. */
    private ObjectNode int8Wide(BenchContext c) throws Exception {
        ObjectNode trained = t.trainFromScratch(c, BASELINE_MODEL, WIDE_OPTIONS, s.epochs());
        ObjectNode r = int8(c, c.variantDir().resolve("model"), trained);
        r.put("trained", BASELINE_MODEL + " " + String.join(",", WIDE_OPTIONS));
        return r;
    }
}
