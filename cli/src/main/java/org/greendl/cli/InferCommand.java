package org.greendl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.greendl.data.spec.DataSpec;
import org.greendl.data.spec.LoadedData;
import org.greendl.data.spec.Normalization;
import org.greendl.deploy.onnx.OnnxModels;
import java.util.concurrent.Callable;
import org.greendl.deploy.runtime.EnergyMeter;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.Predictor;
import org.greendl.deploy.runtime.TrackerEnergyMeter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greendl infer MODEL.onnx --data SPEC}: test accuracy of an ONNX model with ONNX Runtime. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Run an ONNX model on a dataset's test split with ONNX Runtime and report its accuracy; with"
                + " --engine spark, as a batch job on Apache Spark, predictions written as CSV.")
public final class InferCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model (fp32 or int8).")
    Path model;

    /** With {@code --data}: accuracy on its test split; without, generated inputs of the --input signature. */
    @Mixin DataOptions data;
    @Mixin TestLimitOption testLimit;

    @Option(names = "--input", paramLabel = "NAME=SHAPE[:DTYPE]", description = "Without --data: an input's shape,"
            + " the batch written N, e.g. input_ids=N,128:int64 (repeatable).")
    java.util.List<String> inputs = new java.util.ArrayList<>();

    @Option(names = "--agree-with", paramLabel = "OTHER.onnx", description = "Without --data: report the top-1"
            + " agreement of OTHER.onnx (say, the int8 model) with MODEL on --limit generated inputs (default 1000).")
    Path agreeWith;

    /** Elsewhere {@code --limit} is the old spelling of {@code --train-limit}; infer reads no training images. */
    @Option(names = "--limit", paramLabel = "N", description = "The old spelling of --test-limit here (>= 1).")
    Integer limit;

    /** ONNX Runtime's intra-op threads here; absent, all cores (0: ONNX Runtime's own choice). */
    @Mixin ThreadsOption threadsOption;

    @Option(names = "--batch", description = "Inference batch size (default: ${DEFAULT-VALUE}).")
    int batch = 256;

    @Mixin FormatOption format;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "local: here, in one session (default); spark: the test split cut into --partitions,"
                    + " each an Apache Spark task with one ONNX Runtime session, energy counted once per host.")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "Spark master for --engine spark (default:"
            + " spark-submit's, else local[*]); on spark://HOST:PORT the executors must see MODEL and the data at"
            + " the same paths.")
    String master;

    @Option(names = "--partitions", paramLabel = "N",
            description = "With --engine spark: slices of the data (default: Spark's default parallelism).")
    Integer partitions;

    @Option(names = "--predictions", paramLabel = "FILE.csv", description = "With --engine spark: where the"
            + " index,prediction,label rows go, written atomically (default: predictions.csv in the working folder).")
    Path predictions;

    @Override
    public Integer call() throws Exception {
        boolean spark = switch (engine) {
            case "local" -> false;
            case "spark" -> true;
            default -> throw new Cli.UsageFailure("unknown --engine '" + engine + "': expected local or spark");
        };
        if (!spark && (master != null || partitions != null || predictions != null)) {
            throw new Cli.UsageFailure("--master, --partitions and --predictions go with --engine spark");
        }
        if (spark) {
            return SparkInfer.run(this);
        }
        int threads = threadsOption.value() != null ? threadsOption.value() : Runtime.getRuntime().availableProcessors();
        Integer limit = this.limit != null ? this.limit : testLimit.orNull();
        if (!data.given()) {
            return agreement();
        }
        String dataset = data.spec() == null ? DataSpec.DEFAULT : data.spec();
        String normalize = data.normalize;
        if (agreeWith != null || !inputs.isEmpty()) {
            throw new Cli.UsageFailure("--agree-with and --input feed generated inputs: use them without --data");
        }
        if (batch < 1 || threads < 0 || (limit != null && limit < 1)) {
            throw new Cli.UsageFailure("--batch and --limit must be >= 1 and --threads >= 0");
        }
        if (threads > 0) {
            ThreadsOption.check("--threads", threads);
        }
        boolean json = format.json();
        long start = System.nanoTime();
        double accuracy;
        LabelledImages test;
        Normalization applied;
        // Before the model is opened: text without the model's tokenizer is a usage error whatever the file holds.
        org.greendl.data.spec.DataRequest request = TextFiles.withExportedTokenizer(data.request(42, batch), model);
        boolean text = request.spec().scheme() == org.greendl.data.spec.DataSpec.Scheme.TEXT;
        LoadedData loaded;
        try {
            loaded = request.load();
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
        test = LabelledImages.of(loaded.test(), limit);
        applied = loaded.provenance().normalization();
        if (normalize != null) {
            applied = new Normalization(applied.mean(), applied.std(), "--normalize");
        }
        // This JVM's process share over opening the session and classifying, not reading the data: the window a
        // partition of infer --engine spark reads, so the two compare.
        EnergyMeter.Reading energy;
        long inferStart;
        long inferEnd;
        try (TrackerEnergyMeter meter = TrackerEnergyMeter.processShare()) {
            EnergyMeter.Section section = meter.start();
            inferStart = System.nanoTime();
            // A text model's sequence length is free in the file: the saved tokenizer's length is what it reads.
            try (Predictor predictor = Predictor.open(model, threads, text ? test.sampleShape() : null)) {
                accuracy = test.accuracy(predictor, batch);
            }
            inferEnd = System.nanoTime();
            energy = section.stop();
        }
        String producer = OnnxModels.load(model).getProducerName();
        boolean foreign = !producer.equals("greendl");
        double wall = (System.nanoTime() - start) / 1e9;
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("model", model.toString());
            root.put("dataset", dataset);
            root.put(text ? "texts" : "images", test.count());
            root.put("threads", threads);
            ObjectNode n = root.putObject("normalization");
            n.set("mean", mapper.valueToTree(applied.mean()));
            n.set("std", mapper.valueToTree(applied.std()));
            n.put("source", applied.source());
            root.putObject("metrics").put("test_accuracy", accuracy);
            root.putObject("time").put("wall_s", wall).put("inference_s", (inferEnd - inferStart) / 1e9);
            // Examples per second of the command's wall time, data reading included, as infer --engine spark counts.
            root.put("throughput_per_s", test.count() / wall);
            root.put("energy_kwh", energy.kwh());
            root.put("energy_wh_per_1000", energy.kwh() * 1e6 / test.count());
            root.put("energy_source", energy.source());
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            if (foreign || normalize != null) {
                System.out.printf("normalization: mean %s std %s (%s)%n", applied.mean(), applied.std(),
                        normalize != null ? "--normalize" : "the data's own (computed on its training split, or Fashion-MNIST's constants); " + model.getFileName() + " was made by "
                                + (producer.isEmpty() ? "an unnamed producer" : producer)
                                + ": state --normalize MEAN,STD or none to match its own preprocessing");
            }
            System.out.printf("%s on %s: test accuracy %.4f (%d %s, %d threads, %.1f s)%n", model, dataset,
                    accuracy, test.count(), text ? "texts" : "images", threads, wall);
            System.out.printf(java.util.Locale.ROOT, "energy: %.3g Wh per 1,000 inferences (%s, this process's share"
                    + " while the session was open)%n", energy.kwh() * 1e6 / test.count(), energy.source());
        }
        return 0;
    }

    private Integer agreement() throws Exception {
        if (agreeWith == null) {
            throw new Cli.UsageFailure("give --data SPEC, or --agree-with OTHER.onnx to compare two models on generated"
                    + " inputs");
        }

        int threads = threadsOption.value() != null ? threadsOption.value() : Runtime.getRuntime().availableProcessors();
        int samples = limit == null ? 1000 : limit;
        if (batch < 1 || threads < 0 || samples < 1) {
            throw new Cli.UsageFailure("--batch and --limit must be >= 1 and --threads >= 0");
        }
        long start = System.nanoTime();
        org.greendl.deploy.runtime.Agreement a = org.greendl.deploy.runtime.Agreement.measure(model, agreeWith, inputs,
                samples, batch, threads, 42);
        double wall = (System.nanoTime() - start) / 1e9;
        if (format.json()) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("model", model.toString());
            root.put("agree_with", agreeWith.toString());
            root.set("inputs", mapper.valueToTree(inputs));
            root.put("samples", a.samples());
            root.put("batch", a.batch());
            root.put("threads", threads);
            root.putObject("metrics").put("top1_agreement", a.rate());
            root.putObject("time").put("wall_s", wall);
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            System.out.printf("%s vs %s: top-1 agreement %.4f (%d of %d generated inputs, batch %d, %.1f s)%n",
                    agreeWith, model, a.rate(), a.agreeing(), a.samples(), a.batch(), wall);
        }
        return 0;
    }
}
