package org.greendl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.greendl.data.spec.DataRequest;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;
import org.greendl.meter.unit.Energy;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.spark.MeterSettings;
import org.greendl.spark.SparkCandidateTrainer;
import org.greendl.train.hpo.SearchData;
import org.greendl.train.nas.Halving;
import org.greendl.train.nas.NasSearch;
import org.greendl.train.nas.NasSettings;
import org.greendl.train.nas.NasSpace;
import org.greendl.train.nas.SupernetSearch;
import org.greendl.train.nas.SupernetSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code greendl nas}: compact-architecture search with measured latency and energy in the objective. */
@Command(name = "nas", sortOptions = false, description = "Architecture search over a MobileNet-style or ViT space: every"
        + " candidate written as a model spec, measured (params, MACs, ONNX Runtime latency at batch 1 and 64,"
        + " energy per inference, a per-block latency table's prediction) and trained briefly; the Pareto front of"
        + " validation accuracy and energy and its hypervolume in DIR/nas.json. Rerun with the same --out to resume.")
final class NasCommand implements Callable<Integer>, RunFolderCommand {
    @Mixin VerboseOption verbose;

    @Option(names = "--space", required = true, paramLabel = "FILE", description = "Space JSON file (docs/nas.md).")
    Path space;

    @Option(names = "--objective", defaultValue = "accuracy,energy", paramLabel = "accuracy,energy",
            description = "Objectives (default and only: ${DEFAULT-VALUE}).")
    String objective;

    @Option(names = "--method", defaultValue = "evolution", paramLabel = "random|evolution|supernet",
            description = "Search method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--candidates", defaultValue = "8", paramLabel = "N",
            description = "Architectures to train and measure (default: ${DEFAULT-VALUE}).")
    int candidates;

    @Option(names = "--epochs", defaultValue = "1", paramLabel = "E",
            description = "Training epochs per candidate (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--population", defaultValue = "6", paramLabel = "P",
            description = "Evolution: population, the last P candidates (default: ${DEFAULT-VALUE}).")
    int population;

    @Option(names = "--sample", defaultValue = "3", paramLabel = "S",
            description = "Evolution: tournament size (default: ${DEFAULT-VALUE}).")
    int sample;

    @Option(names = "--phase-epochs", defaultValue = "2,1,1,2", paramLabel = "L,K,D,W",
            description = "Supernet: epochs of progressive shrinking's phases, largest, kernel, depth, width"
                    + " (default: ${DEFAULT-VALUE}).")
    String phaseEpochs;

    @Option(names = "--finetune-epochs", defaultValue = "1", paramLabel = "E",
            description = "Supernet: fine-tuning epochs of each sub-network on the Pareto front (default: ${DEFAULT-VALUE}).")
    int finetuneEpochs;

    @Option(names = "--finetune-lr-scale", defaultValue = "0.3", paramLabel = "F",
            description = "Supernet: fine-tuning learning rate as a fraction of the recipe's (default: ${DEFAULT-VALUE}).")
    double finetuneLrScale;

    @Option(names = "--calibration-batches", defaultValue = "10", paramLabel = "N",
            description = "Supernet: training batches that re-estimate batch norm for each sub-network"
                    + " (default: ${DEFAULT-VALUE}).")
    int calibrationBatches;

    @Option(names = "--max-energy-wh", paramLabel = "X",
            description = "Energy budget of the search, training and measuring (Wh).")
    Double maxEnergyWh;

    @Option(names = "--max-latency-ms", paramLabel = "MS",
            description = "Deployment latency limit at batch 1 (ms, ONNX Runtime at --ort-threads): architectures the"
                    + " latency table predicts above it are not trained (random and evolution).")
    Double maxLatencyMs;

    @Option(names = "--halving", paramLabel = "ETA",
            description = "Successive halving over epochs (random and evolution): each candidate trains --min-epochs"
                    + " first and goes on to --epochs only among the best 1/ETA so far.")
    Integer halvingEta;

    @Option(names = "--min-epochs", defaultValue = "1", paramLabel = "M",
            description = "With --halving: the first rung's epochs (default: ${DEFAULT-VALUE}).")
    int minEpochs;

    @Option(names = "--reference-energy-mj", paramLabel = "MJ",
            description = "Hypervolume reference energy per inference (mJ; default 1.1 x the largest candidate's).")
    Double referenceEnergyMj;

    @Option(names = "--baseline", defaultValue = "cnn", paramLabel = "MODEL",
            description = "Zoo model measured in the same runtime; the record says after how many inferences the"
                    + " chosen network's energy saving against it repays the search (default: ${DEFAULT-VALUE};"
                    + " none: no baseline).")
    String baseline;

    @Option(names = "--ort-threads", defaultValue = "1", paramLabel = "N",
            description = "ONNX Runtime threads for the latency measurements (default: ${DEFAULT-VALUE}).")
    int ortThreads;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "N",
            description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin SeedOption seed;
    @Mixin DataOptions data;
    @Mixin TrainLimitOption trainLimit;
    @Mixin ThreadsOption threads;
    @Mixin MeterOptions meterOptions;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "Where candidates train: local, one after another (default), or spark: as many at once as"
                    + " the executors have task slots, as Apache Spark tasks, energy counted once per host. Cost is"
                    + " measured here either way.")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --engine spark (default: spark-submit's, else local[*]); spark://HOST:PORT"
                    + " for a standalone cluster, whose executors must see --out and the data at the same paths.")
    String master;

    @Option(names = "--out", defaultValue = "runs/nas", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin FormatOption format;

    @Override
    public Path runFolder() {
        return out;
    }

    @Override
    public Integer call() throws Exception {
        threads.apply();
        if (!objective.replace(" ", "").equals("accuracy,energy")) {
            throw new Cli.UsageFailure("--objective: unknown objective '" + objective + "' (known: accuracy,energy)");
        }
        if (batch < 1) {
            throw new Cli.UsageFailure("--batch must be at least 1, got " + batch);
        }
        TrackingMode mode = meterOptions.trackingMode(TrackingMode.PROCESS); // a bad mode fails before any work
        NasSettings settings = Cli.usage(() -> new NasSettings(NasSettings.Method.parse(method), candidates, epochs,
                population, sample, seed.value(), maxEnergyWh == null ? null : Energy.ofWh(maxEnergyWh),
                referenceEnergyMj, ortThreads, maxLatencyMs,
                halvingEta == null ? null : new Halving(halvingEta, minEpochs)));
        SupernetSettings supernet = settings.method() != NasSettings.Method.SUPERNET ? null
                : Cli.usage(() -> new SupernetSettings(SupernetSettings.parsePhaseEpochs(phaseEpochs), finetuneEpochs,
                        finetuneLrScale, calibrationBatches));
        String baselineModel = baseline.equals("none") ? null : baseline;
        if (baselineModel != null && (ModelResolver.isSpecFile(baselineModel)
                || !ModelZoo.names().contains(baselineModel))) {
            throw new Cli.UsageFailure("--baseline: unknown zoo model '" + baseline + "' (known: "
                    + String.join(", ", ModelZoo.names()) + ", or none)");
        }
        boolean spark = SearchCommand.sparkEngine(engine, master);
        if (spark && supernet != null) {
            throw new Cli.UsageFailure("--engine spark trains random and evolution candidates; --method supernet"
                    + " trains its one network here");
        }
        NasSpace s = NasSpace.read(space);
        DataRequest request = data.request(seed.value(), batch);
        TrackerConfig measuring = meterOptions.applyTo(TrackerConfig.builder().optOutputDir(null)
                .optInterval(Duration.ofMillis(200)).optGpu(false).optShutdownHook(false), TrackingMode.PROCESS).build();
        if (supernet != null) {
            return supernet(s, settings, supernet, request, mode, measuring, baselineModel);
        }
        NasSearch search = new NasSearch(s, settings, request, trainLimit.orNull(), out, dir -> meterOptions.applyTo(
                TrackerConfig.builder().optOutputDir(dir).optProjectName("greendl-nas"), mode).build(), measuring)
                .optBaseline(baselineModel);
        SparkCandidateTrainer sparkTrainer = !spark ? null : SparkCandidateTrainer.open(
                SearchCommand.sparkMaster(master), SearchCommand.CONNECT_TIMEOUT_MS,
                new SearchData(request, trainLimit.orNull(), null, search.input()), out,
                new MeterSettings(mode.label(), meterOptions.country(), meterOptions.cpuTdpWatts()), threads.value());
        if (sparkTrainer != null) {
            search.optTrainer(sparkTrainer);
        }
        ObjectNode record;
        try {
            record = search(search);
        } finally {
            if (sparkTrainer != null) {
                sparkTrainer.close();
            }
        }
        Path file = out.resolve("nas.json");
        if (format.json()) {
            System.out.println(record.toPrettyString());
        } else {
            System.out.printf(Locale.ROOT, "%s nas: %d candidate(s), %d trained now, %.4f Wh (%.4f Wh now), %s;"
                            + " Pareto front %s, hypervolume %.5g (reference accuracy 0, %.4g mJ); latency table"
                            + " mean |error| %.1f%%%nwritten: %s%n", settings.method().label(),
                    record.get("candidates").size(), record.at("/energy/trained_this_run").asInt(),
                    record.at("/energy/search_kwh").asDouble() * 1000,
                    record.at("/energy/this_run_kwh").asDouble() * 1000, record.get("stop_reason").asText(),
                    record.get("pareto_front"), record.at("/hypervolume/value").asDouble(),
                    record.at("/hypervolume/reference/energy_per_inference_mj").asDouble(),
                    record.at("/latency_table/mean_abs_error").asDouble() * 100, file);
            if (spark) {
                StringBuilder hosts = new StringBuilder();
                record.at("/energy/per_host").fields().forEachRemaining(h -> hosts.append(hosts.length() == 0 ? ""
                        : ", ").append(String.format(Locale.ROOT, "%s %.4f Wh", h.getKey(), h.getValue().asDouble() * 1000)));
                System.out.printf(Locale.ROOT, "spark: %d candidate(s) at once; energy per host: %s%n",
                        record.get("trained_at_once").asInt(), hosts);
            }
            printBreakEven(record);
        }
        return 0;
    }

    private static ObjectNode search(NasSearch search) throws java.io.IOException {
        return search.run(partial -> {
            JsonNode last = partial.get("candidates").get(partial.get("candidates").size() - 1);
            System.err.printf(Locale.ROOT, "nas: %s %s acc %.4f, %.3f ms (table %.3f), %.4f mJ/inference; %.4f Wh"
                            + " so far%n", last.get("id").asText(), last.get("key").asText(),
                    last.get("validation_accuracy").asDouble(), last.at("/latency_ms/batch_1").asDouble(),
                    last.at("/latency_ms/predicted_batch_1").asDouble(),
                    last.at("/energy_per_inference_mj/batch_1").asDouble(),
                    partial.at("/energy/search_kwh").asDouble() * 1000);
        });
    }

    private int supernet(NasSpace s, NasSettings settings, SupernetSettings supernet, DataRequest request,
                         TrackingMode mode, TrackerConfig measuring, String baselineModel) throws Exception {
        SupernetSearch search = new SupernetSearch(s, settings, supernet, request, trainLimit.orNull(), out,
                dir -> meterOptions.applyTo(TrackerConfig.builder().optOutputDir(dir).optProjectName("greendl-nas"),
                        mode).build(), measuring).optBaseline(baselineModel);
        ObjectNode record = search.run(line -> System.err.println(line.startsWith("nas: ") ? line : "nas: " + line));
        if (format.json()) {
            System.out.println(record.toPrettyString());
            return 0;
        }
        StringBuilder phases = new StringBuilder();
        for (JsonNode p : record.at("/supernet/phases")) {
            phases.append(phases.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %d ep %.4f Wh",
                    p.get("phase").asText(), p.get("epochs").asInt(), p.get("energy_kwh").asDouble() * 1000));
        }
        System.out.printf(Locale.ROOT, "supernet nas: phases %s; %d sub-network(s) judged with the shared weights;"
                        + " Pareto front %s, hypervolume %.5g; %.4f Wh in all (supernet %.4f, judging %.4f, measuring"
                        + " %.4f, fine-tuning %.4f), %s%n", phases, record.get("candidates").size(),
                record.get("pareto_front"), record.at("/hypervolume/value").asDouble(),
                record.at("/energy/search_kwh").asDouble() * 1000,
                record.at("/energy/supernet_training_kwh").asDouble() * 1000,
                record.at("/energy/judging_kwh").asDouble() * 1000, record.at("/energy/measuring_kwh").asDouble() * 1000,
                record.at("/energy/finetuning_kwh").asDouble() * 1000, record.get("stop_reason").asText());
        for (JsonNode c : record.get("candidates")) {
            if (c.has("finetune")) {
                System.out.printf(Locale.ROOT, "  %s %s: %.4f shared, %.4f fine-tuned, %.4f mJ/inference; model %s%n",
                        c.get("id").asText(), c.get("key").asText(), c.get("validation_accuracy").asDouble(),
                        c.at("/finetune/validation_accuracy").asDouble(),
                        c.at("/energy_per_inference_mj/batch_1").asDouble(), c.at("/finetune/model").asText());
            }
        }
        printBreakEven(record);
        System.out.printf(Locale.ROOT, "written: %s%n", out.resolve("nas.json"));
        return 0;
    }

    /** The chosen network's break-even against the baseline, one line. */
    static void printBreakEven(JsonNode record) {
        JsonNode be = record.get("break_even");
        if (be == null || !be.has("chosen")) {
            return;
        }
        JsonNode c = be.get("chosen");
        String when = c.get("inferences").isNull() ? "never (it saves nothing per inference)"
                : String.format(Locale.ROOT, "after %.4g inferences", c.get("inferences").asDouble());
        System.out.printf(Locale.ROOT, "break-even: %s at %.4g mJ/inference against %s's %.4g mJ (x%.3f) repays the"
                        + " search's %.4f Wh %s%n", c.get("key").asText(), c.get("energy_per_inference_mj").asDouble(),
                be.at("/baseline/model").asText(), be.at("/baseline/energy_per_inference_mj/batch_1").asDouble(),
                c.get("energy_ratio").asDouble(), be.get("search_kwh").asDouble() * 1000, when);
    }
}
