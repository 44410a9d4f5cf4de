package org.greendl.spark;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.data.spec.DataOptions;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.data.spec.ImageSize;
import org.greendl.data.text.SequenceLength;
import org.greendl.data.text.TextOptions;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.train.hpo.Configuration;
import org.greendl.train.hpo.SearchData;
import org.greendl.train.hpo.SearchSpace;
import org.greendl.train.hpo.TrainingTrialRunner;
import org.greendl.train.hpo.Trial;
import org.greendl.train.hpo.TrialResult;

/**
 * What a trial's task needs, as JSON text: the search's space, data, output folder, meter and threads (the
 * job, the same for every trial), the trial itself, and its result. Text travels to any executor and any JVM.
 */
final class TrialJob {
    static final ObjectMapper JSON = new ObjectMapper();

    private TrialJob() {}

    static String job(SearchSpace space, SearchData data, Path out, MeterSettings meter, Integer threads) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode s = root.putObject("space");
        s.put("model", space.model());
        s.put("dataset", space.dataset());
        s.put("max_epochs", space.maxEpochs());
        s.set("params", JSON.valueToTree(space.params()));
        ObjectNode d = root.putObject("data");
        d.put("spec", absolute(data.request().spec()));
        d.set("options", options(data.request().options()));
        d.put("train_limit", data.trainLimit());
        d.put("test_limit", data.testLimit());
        d.set("shape", JSON.valueToTree(data.input().shape().getShape()));
        d.put("classes", data.input().classes());
        d.put("vocabulary", data.input().vocabulary());
        root.put("out", out.toAbsolutePath().toString());
        root.set("meter", JSON.valueToTree(Map.of("mode", meter.mode())));
        ((ObjectNode) root.get("meter")).put("country", meter.country()).put("cpu_tdp_w", meter.cpuTdpWatts());
        root.put("threads", threads);
        return root.toString();
    }

    /**
     * The spec's text with its path made absolute against this JVM's working folder: an executor's working
     * folder is its own, so a relative {@code --data} means the driver's.
     */
    static String absolute(DataSpec spec) {
        if (spec.path() == null || spec.path().isAbsolute()) {
            return spec.text();
        }
        String abs = spec.path().toAbsolutePath().normalize().toString();
        return spec.scheme() == DataSpec.Scheme.FASHION_MNIST ? abs : spec.scheme().prefix() + ":" + abs;
    }

    /**
     * Fails in one line when the data the job names is not on this machine at the path the driver gave (an
     * executor without the shared filesystem, or with it mounted elsewhere).
     */
    static void checkDataHere(String specText, JsonNode options, String host) {
        DataSpec spec = DataSpec.parse(specText);
        Path p = spec.path() != null ? spec.path() : path(options.get("data_dir"));
        if (p != null && !java.nio.file.Files.exists(p)) {
            throw new IllegalStateException("no dataset at " + p + " on " + host + ": every executor must see the"
                    + " data at the path the driver gave (a shared filesystem; see docs/spark.md)");
        }
    }

    /** Data options as JSON, every field (paths made absolute), to rebuild them where the task runs. */
    static ObjectNode options(DataOptions o) {
        ObjectNode opts = JSON.createObjectNode();
        opts.put("data_dir", o.dataDir() == null ? null : o.dataDir().toAbsolutePath().toString());
        opts.put("seed", o.seed());
        opts.put("test_fraction", o.testFraction());
        opts.put("channels", o.channels());
        opts.put("image_size", o.imageSize() == null ? null : o.imageSize().toString());
        opts.put("label_column", o.labelColumn());
        opts.put("skip_rows", o.skipRows());
        opts.put("normalize", o.normalize());
        opts.put("cache_dir", o.cacheDir() == null ? null : o.cacheDir().toAbsolutePath().toString());
        opts.put("batch_size", o.batchSize());
        TextOptions t = o.text();
        opts.put("text_column", t.textColumn());
        opts.put("tokenizer", t.tokenizer());
        opts.put("vocabulary", t.vocabulary());
        opts.put("sequence_length", t.sequenceLength().toString());
        opts.put("tokenizer_file", t.saved() == null ? null : t.saved().toString());
        return opts;
    }

    static DataOptions options(JsonNode o) {
        return new DataOptions(path(o.get("data_dir")), o.get("seed").asLong(),
                o.get("test_fraction").asDouble(), o.get("channels").isNull() ? null : o.get("channels").asInt(),
                o.get("image_size").isNull() ? null : ImageSize.parse(o.get("image_size").asText()),
                text(o.get("label_column")), o.get("skip_rows").asInt(), text(o.get("normalize")),
                path(o.get("cache_dir")), o.get("batch_size").asInt(), textOptions(o));
    }

    /** Text settings; a job written without them reads text with the defaults. */
    private static TextOptions textOptions(JsonNode o) {
        TextOptions t = TextOptions.defaults();
        if (o.hasNonNull("tokenizer")) {
            t = t.withTextColumn(text(o.get("text_column"))).withTokenizer(o.get("tokenizer").asText())
                    .withVocabulary(o.get("vocabulary").asInt())
                    .withSequenceLength(SequenceLength.parse(text(o.get("sequence_length"))))
                    .withSaved(path(o.get("tokenizer_file")));
        }
        return t;
    }

    static MeterSettings meter(JsonNode job) {
        JsonNode m = job.get("meter");
        return new MeterSettings(m.get("mode").asText(), text(m.get("country")),
                m.get("cpu_tdp_w").isNull() ? null : m.get("cpu_tdp_w").asDouble());
    }

    static Integer threads(JsonNode job) {
        return job.get("threads").isNull() ? null : job.get("threads").asInt();
    }

    /** The runner the job describes, rebuilt where the trial runs. */
    static TrainingTrialRunner runner(JsonNode job) {
        JsonNode s = job.get("space");
        Map<String, List<Object>> params = new LinkedHashMap<>();
        s.get("params").fields().forEachRemaining(e -> {
            List<Object> values = new ArrayList<>();
            e.getValue().forEach(v -> values.add(value(v)));
            params.put(e.getKey(), values);
        });
        SearchSpace space = new SearchSpace(text(s.get("model")), text(s.get("dataset")), s.get("max_epochs").asInt(),
                params);
        JsonNode d = job.get("data");
        DataOptions options = options(d.get("options"));
        long[] shape = new long[d.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = d.get("shape").get(i).asLong();
        }
        SearchData data = new SearchData(new DataRequest(DataSpec.parse(d.get("spec").asText()), options),
                d.get("train_limit").isNull() ? null : d.get("train_limit").asInt(),
                d.get("test_limit").isNull() ? null : d.get("test_limit").asInt(),
                new InputSpec(new Shape(shape), d.get("classes").asInt(), d.path("vocabulary").asInt(0)));
        MeterSettings meter = meter(job);
        return new TrainingTrialRunner(space, Path.of(job.get("out").asText()), data, meter::config);
    }

    static String trial(Trial t, Double maxEnergyKwh) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", t.id());
        n.set("config", JSON.valueToTree(t.config().values()));
        n.put("epochs", t.epochs());
        n.set("previous", t.previous() == null ? null : result(t.previous()));
        n.put("max_energy_kwh", maxEnergyKwh);
        return n.toString();
    }

    static Trial trial(JsonNode n) {
        JsonNode prev = n.get("previous");
        return new Trial(n.get("id").asText(), new Configuration(values(n.get("config"))), n.get("epochs").asInt(),
                prev == null || prev.isNull() ? null : result(prev));
    }

    static ObjectNode result(TrialResult r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id());
        n.set("config", JSON.valueToTree(r.config()));
        n.put("epochs", r.epochs());
        n.put("validation_accuracy", r.validationAccuracy());
        n.put("energy_kwh", r.energyKwh());
        n.put("run_dir", r.runDir());
        n.put("stop_reason", r.stopReason());
        n.put("host", r.host());
        return n;
    }

    static TrialResult result(JsonNode n) {
        return new TrialResult(n.get("id").asText(), values(n.get("config")), n.get("epochs").asInt(),
                n.get("validation_accuracy").asDouble(), n.get("energy_kwh").asDouble(), text(n.get("run_dir")),
                text(n.get("stop_reason")), text(n.get("host")));
    }

    /** A configuration's values as the space file's reader makes them: whole numbers long, others double. */
    private static Map<String, Object> values(JsonNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> m.put(e.getKey(), value(e.getValue())));
        return m;
    }

    private static Object value(JsonNode v) {
        return v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble() : v.asText();
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    private static Path path(JsonNode n) {
        return n == null || n.isNull() ? null : Path.of(n.asText());
    }
}
