package org.greendl.train.nas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * A family of architectures ({@code --space SPACE.json}). MobileNet-style: a stem convolution, stages of
 * inverted-residual blocks (depth, width, depthwise kernel, expansion and squeeze-excitation chosen per stage;
 * the stage's first block has the stage's stride) and a 1x1 head convolution, global average pooling and a
 * linear classifier. ViT: patch embedding, pre-norm encoder layers (depth, width, heads, feed-forward ratio,
 * softmax or linear attention), a final norm, token mean and a linear classifier, as the zoo's vit-tiny.
 * An architecture is one index into each list of choices (its genes); {@link #spec} writes it
 * as an ordinary model spec document that {@code greendl train --model} accepts.
 */
public final class NasSpace {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> TOP_FIELDS = List.of("family", "stem_width", "stages", "head_width", "head_pool",
            "description");
    /**
     * How the head reduces the last feature map before the classifier: global average pooling (one value per
     * channel) or flattening it (the classifier sees where a feature is, at channels x H x W inputs).
     */
    static final List<String> HEAD_POOLS = List.of("avg", "flatten");
    static final List<String> STAGE_FIELDS = List.of("depth", "width", "kernel", "expansion", "se", "stride");
    /** Genes per stage: depth, width, kernel, expansion, se. */
    static final int PER_STAGE = 5;

    /** One stage's choices. */
    record Stage(List<Integer> depth, List<Integer> width, List<Integer> kernel, List<Integer> expansion,
                 List<Boolean> se, int stride) {}

    static final List<String> VIT_FIELDS = List.of("family", "patch", "depth", "width", "heads", "mlp_ratio",
            "attention", "description");
    static final List<String> ATTENTIONS = List.of("softmax", "linear");

    /**
     * A ViT family's choices: patch size, encoder layers, embedding width, heads, feed-forward width as a multiple
     * of the embedding width, and softmax or linear attention (one choice for the whole network).
     */
    record Vit(List<Integer> patch, List<Integer> depth, List<Integer> width, List<Integer> heads,
               List<Integer> mlpRatio, List<String> attention) {}

    private final List<Integer> stemWidth;
    private final List<Stage> stages;
    private final List<Integer> headWidth;
    private final List<String> headPool;
    private final Vit vit;

    private NasSpace(List<Integer> stemWidth, List<Stage> stages, List<Integer> headWidth, List<String> headPool) {
        this.stemWidth = stemWidth;
        this.stages = stages;
        this.headWidth = headWidth;
        this.headPool = headPool;
        this.vit = null;
    }

    private NasSpace(Vit vit) {
        this.stemWidth = null;
        this.stages = null;
        this.headWidth = null;
        this.headPool = null;
        this.vit = vit;
    }

    /** {@code mobilenet} or {@code vit}. */
    public String family() {
        return vit == null ? "mobilenet" : "vit";
    }

    public static NasSpace read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read search space " + file + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file" : e.getMessage()));
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses and checks a space; a bad one fails in one line that starts with the field at fault. */
    public static NasSpace parse(String text) {
        JsonNode root;
        try {
            // A field given twice would silently keep only its last list of choices.
            root = JSON.reader().with(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String m = e.getOriginalMessage();
            if (m.startsWith("Duplicate field")) {
                throw new IllegalArgumentException(m.replace("Duplicate field", "field") + " is given twice in one"
                        + " object (give all its choices in one list)");
            }
            throw new IllegalArgumentException("not JSON: " + m);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object with \"family\", \"stages\" and \"head_width\"");
        }
        JsonNode family = root.get("family");
        if (family == null || !family.isTextual()) {
            throw new IllegalArgumentException("family: missing (expected \"mobilenet\" or \"vit\")");
        }
        if (family.asText().equals("vit")) {
            return parseVit(root);
        }
        if (!family.asText().equals("mobilenet")) {
            throw new IllegalArgumentException("family: unknown family \"" + family.asText()
                    + "\" (known: mobilenet, vit)");
        }
        unknownFields(root, TOP_FIELDS, "");
        List<Integer> stem = root.has("stem_width") ? ints(root.get("stem_width"), "stem_width", 1, 4096)
                : List.of(16);
        JsonNode st = root.get("stages");
        if (st == null || !st.isArray()) {
            throw new IllegalArgumentException("stages: missing (expected a list of stages)");
        }
        if (st.isEmpty()) {
            throw new IllegalArgumentException("stages: empty (give at least one stage)");
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < st.size(); i++) {
            JsonNode s = st.get(i);
            String at = "stages[" + i + "]";
            if (!s.isObject()) {
                throw new IllegalArgumentException(at + ": expected an object with " + STAGE_FIELDS);
            }
            unknownFields(s, STAGE_FIELDS, at + ".");
            JsonNode stride = s.get("stride");
            int strideValue = 1;
            if (stride != null) {
                if (!stride.canConvertToInt() || !stride.isIntegralNumber() || (stride.asInt() != 1 && stride.asInt() != 2)) {
                    throw new IllegalArgumentException(at + ".stride: " + stride + " (expected 1 or 2)");
                }
                strideValue = stride.asInt();
            }
            List<Integer> kernel = ints(required(s, "kernel", at), at + ".kernel", 1, 15);
            for (int k : kernel) {
                if (k % 2 == 0) {
                    throw new IllegalArgumentException(at + ".kernel: " + k + " is even (an inverted-residual block"
                            + " pads k/2 on each side, so only odd kernels keep the shape)");
                }
            }
            stages.add(new Stage(ints(required(s, "depth", at), at + ".depth", 1, 32),
                    ints(required(s, "width", at), at + ".width", 1, 4096), kernel,
                    ints(required(s, "expansion", at), at + ".expansion", 1, 16),
                    s.has("se") ? booleans(s.get("se"), at + ".se") : List.of(false), strideValue));
        }
        JsonNode head = root.get("head_width");
        if (head == null) {
            throw new IllegalArgumentException("head_width: missing (expected a list of widths)");
        }
        return new NasSpace(stem, stages, ints(head, "head_width", 1, 8192),
                root.has("head_pool") ? headPools(root.get("head_pool")) : List.of("avg"));
    }

    private static List<String> headPools(JsonNode node) {
        if (!node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("head_pool: expected a non-empty list of " + HEAD_POOLS + ", got " + node);
        }
        List<String> pools = new ArrayList<>();
        for (JsonNode p : node) {
            if (!p.isTextual() || !HEAD_POOLS.contains(p.asText())) {
                throw new IllegalArgumentException("head_pool: " + p + " is not a choice the head accepts (known: "
                        + String.join(", ", HEAD_POOLS) + ")");
            }
            if (pools.contains(p.asText())) {
                throw new IllegalArgumentException("head_pool: " + p + " is given twice");
            }
            pools.add(p.asText());
        }
        return List.copyOf(pools);
    }

    private static NasSpace parseVit(JsonNode root) {
        unknownFields(root, VIT_FIELDS, "");
        List<Integer> patch = ints(required(root, "patch", ""), "patch", 1, 64);
        List<Integer> width = ints(required(root, "width", ""), "width", 1, 4096);
        List<Integer> heads = ints(required(root, "heads", ""), "heads", 1, 64);
        // Every width is split evenly among every number of heads the space may pair it with.
        for (int h : heads) {
            for (int w : width) {
                if (w % h != 0) {
                    throw new IllegalArgumentException("heads: " + h + " does not divide width " + w + " (every width"
                            + " choice is paired with every heads choice, so each heads choice must divide each width)");
                }
            }
        }
        JsonNode att = required(root, "attention", "");
        if (!att.isArray() || att.isEmpty()) {
            throw new IllegalArgumentException("attention: expected a non-empty list of " + ATTENTIONS + ", got " + att);
        }
        List<String> attention = new ArrayList<>();
        for (JsonNode a : att) {
            if (!a.isTextual() || !ATTENTIONS.contains(a.asText())) {
                throw new IllegalArgumentException("attention: " + a + " is not a choice an encoder layer accepts"
                        + " (known: " + String.join(", ", ATTENTIONS) + ")");
            }
            if (attention.contains(a.asText())) {
                throw new IllegalArgumentException("attention: " + a + " is given twice");
            }
            attention.add(a.asText());
        }
        return new NasSpace(new Vit(patch, ints(required(root, "depth", ""), "depth", 1, 32), width, heads,
                root.has("mlp_ratio") ? ints(root.get("mlp_ratio"), "mlp_ratio", 1, 16) : List.of(2),
                List.copyOf(attention)));
    }

    /** Null when every patch choice tiles an image of {@code chw} ([C, H, W]), else why not. */
    String refusesInput(long[] chw) {
        if (vit == null) {
            return chw.length == 3 ? null : "family: mobilenet needs images [C, H, W]";
        }
        if (chw.length != 3) {
            return "family: vit needs images [C, H, W]";
        }
        for (int p : vit.patch()) {
            if (chw[1] % p != 0 || chw[2] % p != 0) {
                return "patch: " + p + " does not tile the data's " + chw[1] + "x" + chw[2] + " images";
            }
        }
        return null;
    }

    private static JsonNode required(JsonNode s, String field, String at) {
        JsonNode n = s.get(field);
        if (n == null) {
            throw new IllegalArgumentException((at.isEmpty() ? "" : at + ".") + field
                    + ": missing (expected a list of choices)");
        }
        return n;
    }

    private static void unknownFields(JsonNode node, List<String> known, String at) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!known.contains(f)) {
                throw new IllegalArgumentException(at + f + ": unknown field (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private static List<Integer> ints(JsonNode n, String at, int min, int max) {
        if (!n.isArray()) {
            throw new IllegalArgumentException(at + ": expected a list of choices, got " + n);
        }
        if (n.isEmpty()) {
            throw new IllegalArgumentException(at + ": empty (give at least one choice)");
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode v : n) {
            if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
                throw new IllegalArgumentException(at + ": " + v + " is not a choice a block accepts (expected a whole"
                        + " number in [" + min + ", " + max + "])");
            }
            if (out.contains(v.asInt())) {
                throw new IllegalArgumentException(at + ": " + v + " is given twice");
            }
            out.add(v.asInt());
        }
        return List.copyOf(out);
    }

    private static List<Boolean> booleans(JsonNode n, String at) {
        if (!n.isArray()) {
            throw new IllegalArgumentException(at + ": expected a list of choices, got " + n);
        }
        if (n.isEmpty()) {
            throw new IllegalArgumentException(at + ": empty (give at least one choice)");
        }
        List<Boolean> out = new ArrayList<>();
        for (JsonNode v : n) {
            if (!v.isBoolean()) {
                throw new IllegalArgumentException(at + ": " + v + " is not a choice (expected true or false)");
            }
            if (out.contains(v.asBoolean())) {
                throw new IllegalArgumentException(at + ": " + v + " is given twice");
            }
            out.add(v.asBoolean());
        }
        return List.copyOf(out);
    }

    List<Integer> stemWidths() {
        return stemWidth;
    }

    List<Stage> stages() {
        return stages;
    }

    List<Integer> headWidths() {
        return headWidth;
    }

    List<String> headPools() {
        return headPool;
    }

    /** The index of the head width's gene (after the stem's and the stages'). */
    int headWidthGene() {
        return 1 + PER_STAGE * stages.size();
    }

    /** The index of the head pooling's gene, the last. */
    int headPoolGene() {
        return headWidthGene() + 1;
    }

    /** The number of choices of each gene. */
    int[] sizes() {
        if (vit != null) {
            return new int[] {vit.patch().size(), vit.depth().size(), vit.width().size(), vit.heads().size(),
                    vit.mlpRatio().size(), vit.attention().size()};
        }
        int[] s = new int[3 + PER_STAGE * stages.size()];
        s[0] = stemWidth.size();
        for (int i = 0; i < stages.size(); i++) {
            Stage st = stages.get(i);
            int b = 1 + PER_STAGE * i;
            s[b] = st.depth().size();
            s[b + 1] = st.width().size();
            s[b + 2] = st.kernel().size();
            s[b + 3] = st.expansion().size();
            s[b + 4] = st.se().size();
        }
        s[headWidthGene()] = headWidth.size();
        s[headPoolGene()] = headPool.size();
        return s;
    }

    /** How many architectures the space holds. */
    public double size() {
        double n = 1;
        for (int s : sizes()) {
            n *= s;
        }
        return n;
    }

    int[] sample(Random r) {
        int[] sizes = sizes();
        int[] g = new int[sizes.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = r.nextInt(sizes[i]);
        }
        return g;
    }

    /**
     * The cheapest architecture: every choice at its smallest value (no squeeze-excitation where that is a choice),
     * since params, MACs and latency grow with each of them.
     */
    int[] cheapest() {
        if (vit != null) {
            // The largest patch (fewest tokens); attention left to the first choice: which kind is cheaper
            // depends on tokens against width, and the budget check only needs a lower bound's order of size.
            int patch = 0;
            for (int i = 1; i < vit.patch().size(); i++) {
                patch = vit.patch().get(i) > vit.patch().get(patch) ? i : patch;
            }
            return new int[] {patch, smallest(vit.depth()), smallest(vit.width()), smallest(vit.heads()),
                    smallest(vit.mlpRatio()), 0};
        }
        int[] g = new int[sizes().length];
        g[0] = smallest(stemWidth);
        for (int i = 0; i < stages.size(); i++) {
            Stage st = stages.get(i);
            int b = 1 + PER_STAGE * i;
            g[b] = smallest(st.depth());
            g[b + 1] = smallest(st.width());
            g[b + 2] = smallest(st.kernel());
            g[b + 3] = smallest(st.expansion());
            g[b + 4] = st.se().contains(false) ? st.se().indexOf(false) : 0;
        }
        g[headWidthGene()] = smallest(headWidth);
        // Average pooling gives the classifier channels inputs, flattening channels x H x W.
        g[headPoolGene()] = Math.max(0, headPool.indexOf("avg"));
        return g;
    }

    private static int smallest(List<Integer> choices) {
        int best = 0;
        for (int i = 1; i < choices.size(); i++) {
            if (choices.get(i) < choices.get(best)) {
                best = i;
            }
        }
        return best;
    }

    /** {@code parent} with one choice changed (a gene with more than one choice, set to another value). */
    int[] mutate(int[] parent, Random r) {
        int[] sizes = sizes();
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            if (sizes[i] > 1) {
                free.add(i);
            }
        }
        int[] child = parent.clone();
        if (free.isEmpty()) {
            return child;
        }
        int gene = free.get(r.nextInt(free.size()));
        int v = r.nextInt(sizes[gene] - 1);
        child[gene] = v >= parent[gene] ? v + 1 : v;
        return child;
    }

    /** A short, file-name-safe name of the architecture, e.g. {@code s16-d1w16k3e3-d2w24k5e6se-h64}. */
    String key(int[] g) {
        if (vit != null) {
            return "vit-p" + vit.patch().get(g[0]) + "-d" + vit.depth().get(g[1]) + "w" + vit.width().get(g[2])
                    + "h" + vit.heads().get(g[3]) + "m" + vit.mlpRatio().get(g[4]) + "-" + vit.attention().get(g[5]);
        }
        StringBuilder b = new StringBuilder("s").append(stemWidth.get(g[0]));
        for (int i = 0; i < stages.size(); i++) {
            Stage st = stages.get(i);
            int o = 1 + PER_STAGE * i;
            b.append("-d").append(st.depth().get(g[o])).append('w').append(st.width().get(g[o + 1]))
                    .append('k').append(st.kernel().get(g[o + 2])).append('e').append(st.expansion().get(g[o + 3]));
            if (st.se().get(g[o + 4])) {
                b.append("se");
            }
        }
        b.append("-h").append(headWidth.get(g[headWidthGene()]));
        return headPool.get(g[headPoolGene()]).equals("flatten") ? b.append("-flat").toString() : b.toString();
    }

    /** The architecture's choices by name, for the record. */
    ObjectNode choices(int[] g) {
        ObjectNode o = JSON.createObjectNode();
        if (vit != null) {
            o.put("patch", vit.patch().get(g[0]));
            o.put("depth", vit.depth().get(g[1]));
            o.put("width", vit.width().get(g[2]));
            o.put("heads", vit.heads().get(g[3]));
            o.put("mlp_ratio", vit.mlpRatio().get(g[4]));
            o.put("attention", vit.attention().get(g[5]));
            return o;
        }
        o.put("stem_width", stemWidth.get(g[0]));
        ArrayNode arr = o.putArray("stages");
        for (int i = 0; i < stages.size(); i++) {
            Stage st = stages.get(i);
            int b = 1 + PER_STAGE * i;
            ObjectNode s = arr.addObject();
            s.put("depth", st.depth().get(g[b]));
            s.put("width", st.width().get(g[b + 1]));
            s.put("kernel", st.kernel().get(g[b + 2]));
            s.put("expansion", st.expansion().get(g[b + 3]));
            s.put("se", st.se().get(g[b + 4]));
            s.put("stride", st.stride());
        }
        o.put("head_width", headWidth.get(g[headWidthGene()]));
        o.put("head_pool", headPool.get(g[headPoolGene()]));
        return o;
    }

    /** The layers of the architecture grouped by what the latency table times: the stem, each block, the head. */
    List<List<ObjectNode>> units(int[] g, int classes) {
        List<List<ObjectNode>> units = new ArrayList<>();
        if (vit != null) {
            // The zoo's vit-tiny layout: patches, pre-norm encoder layers, a final norm, token mean, linear.
            int width = vit.width().get(g[2]);
            units.add(List.of(JSON.createObjectNode().put("type", "patch-embedding").put("patch", vit.patch().get(g[0]))
                    .put("embed_dim", width)));
            for (int d = 0; d < vit.depth().get(g[1]); d++) {
                units.add(List.of(JSON.createObjectNode().put("type", "transformer-encoder").put("embed_dim", width)
                        .put("heads", vit.heads().get(g[3])).put("mlp_dim", width * vit.mlpRatio().get(g[4]))
                        .put("attention", vit.attention().get(g[5]))));
            }
            ObjectNode norm = JSON.createObjectNode().put("type", "layernorm");
            norm.putArray("axis").add(2);
            units.add(List.of(norm, JSON.createObjectNode().put("type", "token-mean"),
                    JSON.createObjectNode().put("type", "linear").put("units", classes)));
            return units;
        }
        int stem = stemWidth.get(g[0]);
        ObjectNode conv = JSON.createObjectNode().put("type", "conv2d").put("filters", stem).put("kernel", 3)
                .put("padding", 1).put("bias", false);
        units.add(List.of(conv, JSON.createObjectNode().put("type", "batchnorm"),
                JSON.createObjectNode().put("type", "activation").put("fn", "relu6")));
        int channels = stem;
        for (int i = 0; i < stages.size(); i++) {
            Stage st = stages.get(i);
            int b = 1 + PER_STAGE * i;
            int depth = st.depth().get(g[b]);
            int width = st.width().get(g[b + 1]);
            for (int d = 0; d < depth; d++) {
                units.add(List.of(JSON.createObjectNode().put("type", "inverted-residual").put("in_channels", channels)
                        .put("out_channels", width).put("expansion", st.expansion().get(g[b + 3]))
                        .put("stride", d == 0 ? st.stride() : 1).put("kernel", st.kernel().get(g[b + 2]))
                        .put("activation", "relu6").put("squeeze_excite", st.se().get(g[b + 4]))));
                channels = width;
            }
        }
        ObjectNode reduce = headPool.get(g[headPoolGene()]).equals("flatten")
                ? JSON.createObjectNode().put("type", "flatten")
                : JSON.createObjectNode().put("type", "pool").put("op", "avg").put("global", true);
        units.add(List.of(JSON.createObjectNode().put("type", "conv2d").put("filters", headWidth.get(g[headWidthGene()]))
                        .put("kernel", 1).put("bias", false),
                JSON.createObjectNode().put("type", "batchnorm"),
                JSON.createObjectNode().put("type", "activation").put("fn", "relu6"),
                reduce,
                JSON.createObjectNode().put("type", "linear").put("units", classes)));
        return units;
    }

    /** The architecture as a model spec document for images of {@code input} ([C, H, W]) and {@code classes}. */
    ObjectNode spec(int[] g, long[] input, int classes) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("description", "greendl nas candidate " + key(g) + (vit == null ? " (MobileNet-style family)"
                : " (ViT family)"));
        ArrayNode in = doc.putArray("input");
        for (long d : input) {
            in.add(d);
        }
        doc.put("classes", classes);
        ArrayNode layers = doc.putArray("layers");
        for (List<ObjectNode> u : units(g, classes)) {
            u.forEach(layers::add);
        }
        return doc;
    }
}
