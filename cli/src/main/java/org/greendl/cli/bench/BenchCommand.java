package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.greendl.cli.Cli;
import org.greendl.cli.CountryOption;
import org.greendl.cli.DataOptions;
import org.greendl.cli.SeedOption;
import org.greendl.cli.ThreadsOption;
import org.greendl.cli.TrainLimitOption;
import org.greendl.cli.VerboseOption;
import org.greendl.data.spec.DataSplits;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.report.ReportWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code greendl bench}: the baseline, one variant per green technique, all measured alike, and the report. */
@Command(name = "bench", sortOptions = false, description = "Train a baseline cnn on the data (--data; Fashion-MNIST by default), or take"
        + " --model FILE.onnx as it is, apply every green technique (compact net, early exit, pruning, distillation, low-rank, int8, QAT, a combination; "
        + "on text:FILE data the text set: text-transformer, bag-of-embeddings, ALBERT sharing, factorized embedding, linear attention, exits per layer, "
        + "distillation, ONNX fp32 and dynamic int8), "
        + "measure each (accuracy, params, MACs, bytes, latency, energy per inference, energy spent making it, "
        + "break-even) and write OUT/bench.json, OUT/results.csv and OUT/report/index.html. Variants that train "
        + "beyond the baseline are compared with baseline-continued, the baseline trained on as long. A rerun with "
        + "the same --out reuses the variants that finished. Exit 1 when any variant failed (the others finish).")
public final class BenchCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Option(names = "--quick", description = "A quick run (" + BenchSettings.QUICK_TRAIN_LIMIT
            + " training images, fewer epochs, shorter timings): about ten minutes on two cores.")
    boolean quick;

    @Option(names = "--out", defaultValue = "runs/bench", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}); rerunning with it resumes.")
    Path out;

    @Option(names = "--techniques", split = ",", paramLabel = "LIST",
            description = "Only these variants (the baseline always runs): mobilenet-mini, early-exit, "
                    + "prune-unstructured, prune-structured, distill, low-rank, onnx-fp32, int8, qat-int8, "
                    + "prune-distill-int8, nas; on text data bag-of-embeddings, albert, factorized, linear-attention, "
                    + "early-exit, distill, distill-student-alone, onnx-fp32, int8, int8-wide, prune-heads.")
    List<String> techniques = List.of();

    @Mixin CountryOption country;

    /** Here the threads of both engines, for training and for inference. */
    @Mixin ThreadsOption threads;

    @Mixin DataOptions data;

    @Option(names = "--model", paramLabel = "NAME", description = "The baseline model to train: a zoo model or a"
            + " model spec file ending in .json (docs/model-spec.md; default: cnn, on text data text-transformer with layers=6). A file ending in .onnx is taken as"
            + " the baseline as it is (nothing trained): its variants are onnx-fp32, onnx-fp32-optimized, int8-minmax,"
            + " int8-percentile, int8-entropy, int8-dynamic and int8-accuracy-bound, tested on --data.")
    String model;

    @Option(names = "--baseline", paramLabel = "MODEL_DIR",
            description = "Use this trained cnn (a greendl train folder) as the baseline instead of training one.")
    Path baseline;

    @Option(names = "--nas", paramLabel = "DIR",
            description = "A saved greendl nas folder: the nas variant trains its chosen network (the Pareto front's"
                    + " most accurate) like the other from-scratch variants. Without it a --quick run makes a small"
                    + " search of its own.")
    Path nas;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs of the models trained from scratch (default: 3, quick: 2).")
    Integer epochs;

    /** Absent, the quick run uses {@link BenchSettings#QUICK_TRAIN_LIMIT} images; 0 is all in either run. */
    @Mixin TrainLimitOption trainLimit;

    @Mixin SeedOption seed;

    /** The variants to run for these settings (a test puts a deliberately broken one in). */
    java.util.function.Function<BenchSettings, List<Variant>> variantsFor = s -> new Techniques(s).selected();

    @Override
    public Integer call() throws Exception {
        Integer threadCount = threads.value();
        Integer limit = trainLimit.given();
        if ((threadCount != null && threadCount < 1) || (epochs != null && epochs < 1)) {
            throw new Cli.UsageFailure("--threads and --epochs must be >= 1");
        }
        trainLimit.orNull(); // a negative --train-limit is a usage error
        if (baseline != null && !Techniques.isModelDir(baseline)) {
            throw new Cli.UsageFailure("--baseline " + baseline + " is not a model folder (model.json and run.json"
                    + " expected, as written by greendl train)");
        }
        if (nas != null && !java.nio.file.Files.isRegularFile(nas.resolve("nas.json"))) {
            throw new Cli.UsageFailure("--nas " + nas + " is not a greendl nas folder (no nas.json)");
        }
        if (model != null && baseline != null) {
            throw new Cli.UsageFailure("--model and --baseline both name the baseline; give one");
        }
        if (model != null && model.toLowerCase(Locale.ROOT).endsWith(".onnx")) {
            return onnx(Path.of(model), threadCount);
        }
        // On a given baseline without --data: the data it was trained on, for every variant.
        BenchData benchData = baseline != null && !data.given() ? recordedData(baseline)
                : new BenchData(data.request(seed.value(), 256), data.args(), null);
        String dataset = benchData.spec();
        // Before any variant: without the data every variant would fail, each with the same message.
        DataSplits splits = benchData.splits();
        benchData = benchData.withInput(splits);
        String baselineModel = model;
        boolean text = benchData.input().isTokens();
        if (model == null && baseline == null && text) {
            baselineModel = TextTechniques.BASELINE_MODEL;
            System.err.println("bench: text data: the baseline is " + TextTechniques.BASELINE_MODEL + " ("
                    + String.join(",", TextTechniques.BASELINE_OPTIONS) + "), the default for text; --model names"
                    + " another");
        } else if (model == null && baseline == null) {
            try {
                ModelResolver.resolve(BenchSettings.DEFAULT_BASELINE_MODEL, Map.of(), benchData.input());
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageFailure(e.getMessage() + "; name a baseline that takes it with --model (mlp takes"
                        + " feature vectors)");
            }
        }
        if (model != null) {
            try {
                // Refuse a bad model before any work.
                ModelResolver.resolve(model, Map.of(), benchData.input());
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageFailure(e.getMessage());
            }
            // The train step may run from another folder: a spec file is passed on by its absolute path.
            baselineModel = ModelResolver.isSpecFile(model) ? Path.of(model).toAbsolutePath().normalize().toString()
                    : model;
        }
        int n = threadCount != null ? threadCount
                : Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors());
        // Read by the PyTorch engine when it loads (not yet in this process); ONNX Runtime gets n per session.
        System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(n));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        BenchSettings settings = new BenchSettings(dataset, benchData, out, quick, techniques,
                country.value(), n,
                limit != null ? limit : quick ? BenchSettings.QUICK_TRAIN_LIMIT : 0,
                epochs != null ? epochs : quick ? 2 : 3, 1, quick ? 2 : 2, seed.value(), baseline,
                quick ? new InferenceBench.Settings(3, 0.5, 5) : new InferenceBench.Settings(7, 2.0, 20),
                baselineModel, nas == null ? null : nas.toAbsolutePath().normalize());
        List<Variant> variants = Cli.usage(() -> variantsFor.apply(settings));
        System.err.printf(Locale.ROOT, "bench: %d variants into %s (%s; %d threads)%n", variants.size(), out,
                quick ? "quick run" : "full run", n);
        Map<String, String> skipped = new Techniques(settings).inapplicable();
        skipped.forEach((variant, why) -> System.err.println("bench: skipped " + variant + ": " + why));
        new BenchRunner(settings, variants, System.err, new ServingCost(settings, System.err)).skipping(skipped).run();
        return finish(variants.size());
    }

    /** The bench on a user's ONNX file: it is the baseline, its variants are ONNX files made from it. */
    private int onnx(Path file, Integer threadCount) throws Exception {
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new Cli.UsageFailure("--model " + file + ": no such file");
        }
        // One line for a file that is not ONNX, before any data is read or anything written.
        org.greendl.deploy.profile.OnnxModelInfo info = org.greendl.deploy.profile.OnnxModelInfo.of(
                org.greendl.deploy.onnx.OnnxModels.load(file));
        BenchData benchData = new BenchData(data.request(seed.value(), 256), data.args(), null);
        DataSplits splits = benchData.splits();
        benchData = benchData.withInput(splits);
        OnnxTechniques.checkFits(info, file, splits.inputShape().getShape(), benchData.spec());
        int n = threadCount != null ? threadCount : Runtime.getRuntime().availableProcessors();
        BenchSettings settings = new BenchSettings(benchData.spec(), benchData, out, quick, techniques,
                country.value(), n, 0, 0, 0, 0, seed.value(), null,
                quick ? new InferenceBench.Settings(3, 0.5, 5) : new InferenceBench.Settings(7, 2.0, 20), null);
        OnnxTechniques made = new OnnxTechniques(settings, file);
        List<Variant> variants = Cli.usage(made::selected);
        System.err.printf(Locale.ROOT, "bench: %s as the baseline, %d variants into %s (%s; %d threads)%n", file,
                variants.size(), out, quick ? "quick run" : "full run", n);
        ObjectNode about = BenchRunner.JSON.createObjectNode();
        about.put("model", file.toAbsolutePath().normalize().toString());
        about.set("model_info", BenchRunner.JSON.valueToTree(OnnxTechniques.describe(info)));
        new BenchRunner(settings, variants, System.err, new ServingCost(settings, System.err))
                .baselineNamed(OnnxTechniques.FP32).describing(about).run();
        return finish(variants.size());
    }

    private int finish(int variants) throws java.io.IOException {
        Path page = ReportWriter.write(out);
        ObjectNode bench = BenchRunner.read(out.resolve("bench.json"));
        System.out.println(Summary.table(bench));
        System.out.println("report: " + page);
        List<String> failed = BenchRunner.failed(bench);
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + variants + " variants failed: "
                    + String.join(", ", failed) + " (the others finished; the report shows each failure)");
        }
        return 0;
    }

    private static BenchData recordedData(Path baseline) throws java.io.IOException {
        org.greendl.record.RunRecord record = org.greendl.record.RunRecords.read(baseline.resolve("run.json"));
        try {
            return BenchData.recorded(org.greendl.data.spec.DataRecord.ofModel(record.config()), 256);
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(baseline.resolve("run.json") + ": " + e.getMessage());
        }
    }
}
