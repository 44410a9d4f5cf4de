package org.greendl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.deploy.profile.OnnxModelInfo;
import org.greendl.deploy.runtime.BatchResult;
import org.greendl.deploy.runtime.InputSignature;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.NodeProfile;
import org.greendl.deploy.runtime.ServeBenchmark;
import org.greendl.deploy.runtime.TrackerEnergyMeter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greendl serve-bench MODEL.onnx}: latency percentiles, throughput and energy per 1,000 inferences. */
@Command(name = "serve-bench", mixinStandardHelpOptions = true,
        description = "Benchmark an ONNX model with ONNX Runtime: latency p50/p90/p99, throughput and energy "
                + "per 1,000 inferences at each batch size, with a fixed thread count.")
public final class ServeBenchCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model.")
    Path model;

    @Option(names = "--batch", split = ",", description = "Batch sizes (default: 1,64).")
    List<Integer> batches = List.of(1, 64);

    /** ONNX Runtime's intra-op threads here; absent, all cores. */
    @Mixin ThreadsOption threadsOption;

    @Option(names = "--seconds", description = "Minimum timed seconds per batch size (default: ${DEFAULT-VALUE}).")
    double seconds = 3.0;

    @Option(names = "--warmup", description = "Untimed warm-up runs per batch size (default: ${DEFAULT-VALUE}).")
    int warmup = 20;

    @Option(names = "--profile", paramLabel = "RUNS", description = "After timing, profile RUNS more batches of each "
            + "size with ONNX Runtime's profiler and show where the time goes, node by node (0 = off; default: ${DEFAULT-VALUE}).")
    int profileRuns = 0;

    @Option(names = "--top", description = "With --profile: nodes shown per batch size in text output (default: ${DEFAULT-VALUE}).")
    int top = 12;

    @Mixin FormatOption format;

    /** Real inputs: the test examples of this data instead of generated values. */
    @Mixin DataOptions data;

    @Option(names = "--input", paramLabel = "NAME=SHAPE[:DTYPE]", description = "An input's shape, the batch written"
            + " N (it takes each --batch size), e.g. input_ids=N,128:int64 (repeatable). Default: the declared shapes.")
    List<String> inputs = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        int threads = threadsOption.value() != null ? threadsOption.value() : Runtime.getRuntime().availableProcessors();
        boolean json = format.json();
        ThreadsOption.check("--threads", threads);
        if (!(seconds > 0) || Double.isInfinite(seconds)) {
            throw new Cli.UsageFailure("--seconds must be a finite number > 0, got " + seconds);
        }
        if (warmup < 0 || profileRuns < 0 || top < 1) {
            throw new Cli.UsageFailure("--warmup and --profile must be >= 0 and --top >= 1, got " + warmup + ", "
                    + profileRuns + " and " + top);
        }
        ServeBenchmark.Settings settings = Cli.usage(() -> new ServeBenchmark.Settings(batches, threads, warmup, 20,
                seconds));
        LabelledImages examples = null;
        if (data.given() && !inputs.isEmpty()) {
            throw new Cli.UsageFailure("--data feeds real examples and --input generated ones: give one");
        }
        if (data.given()) {
            // Enough examples for the largest batch; a batch larger than the test split takes them again.
            int most = batches.stream().mapToInt(Integer::intValue).max().orElse(1);
            examples = LabelledImages.of(TextFiles.withExportedTokenizer(Cli.usage(() -> data.request(42, 256)), model)
                    .load().test(), most);
        }
        List<BatchResult> results;
        ServeBenchmark.Outcome outcome;
        try (TrackerEnergyMeter meter = MeterBridge.energyMeter()) {
            outcome = ServeBenchmark.run(model, settings, meter, inputs, examples,
                    data.spec() != null ? data.spec() : "fashion-mnist");
            results = outcome.results();
        }
        OnnxModelInfo info = OnnxModelInfo.of(OnnxModels.load(model));
        java.util.Map<Integer, List<NodeProfile.NodeTime>> profiles = new java.util.LinkedHashMap<>();
        if (profileRuns > 0) {
            for (BatchResult r : results) {
                int b = r.batch();
                profiles.put(b, NodeProfile.measure(model, threads, b, profileRuns, inputs));
            }
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("model", model.toString());
            root.put("threads", threads);
            root.set("onnx", mapper.valueToTree(info.toMap(java.util.Map.of())));
            ArrayNode in = root.putArray("inputs");
            for (InputSignature.Input i : outcome.signature().inputs()) {
                in.addObject().put("spec", i.describe()).put("values", outcome.feeds().get(i.name()));
            }
            root.set("skipped", mapper.valueToTree(outcome.skipped()));
            ArrayNode arr = root.putArray("results");
            for (BatchResult r : results) {
                ObjectNode o = arr.addObject();
                o.put("batch", r.batch());
                o.put("runs", r.runs());
                o.put("latency_ms_p50", r.latencyMsP50());
                o.put("latency_ms_p90", r.latencyMsP90());
                o.put("latency_ms_p99", r.latencyMsP99());
                o.put("throughput_per_s", r.throughputPerS());
                if (r.energyKwhPer1k() != null) {
                    o.put("energy_kwh_per_1k", r.energyKwhPer1k());
                } else {
                    o.putNull("energy_kwh_per_1k");
                }
                o.put("energy_source", r.energySource() == null ? "none" : r.energySource());
                if (profiles.containsKey(r.batch())) {
                    ArrayNode nodes = o.putArray("profile");
                    for (NodeProfile.NodeTime t : profiles.get(r.batch())) {
                        ObjectNode n = nodes.addObject();
                        n.put("node", t.node());
                        n.put("op", t.op());
                        n.put("us_per_run", t.microsPerRun());
                        n.put("share", t.share());
                    }
                }
            }
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            System.out.printf("%s, %d threads%n", model, threads);
            for (InputSignature.Input i : outcome.signature().inputs()) {
                System.out.printf("input %s (%s)%n", i.describe(), outcome.feeds().get(i.name()));
            }
            outcome.skipped().forEach(System.out::println);
            System.out.printf("%6s %10s %10s %10s %14s %16s%n", "batch", "p50 ms", "p90 ms", "p99 ms", "per second",
                    "kWh / 1k inf");
            for (BatchResult r : results) {
                System.out.printf("%6d %10.3f %10.3f %10.3f %14.1f %16s%n", r.batch(), r.latencyMsP50(),
                        r.latencyMsP90(), r.latencyMsP99(), r.throughputPerS(), r.energyKwhPer1k() == null ? "-"
                                : String.format("%.3e (%s)", r.energyKwhPer1k(), r.energySource()));
            }
            profiles.forEach((b, nodes) -> {
                System.out.printf("%nbatch %d: ONNX Runtime profile, %d runs, kernel time per run by node%n", b, profileRuns);
                nodes.stream().limit(top).forEach(t -> System.out.printf("%6.1f %% %10.1f us  %-16s %s%n",
                        100 * t.share(), t.microsPerRun(), t.op(), t.node()));
            });
        }
        return 0;
    }
}
