package org.greendl.benchmarks.compress;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.greendl.compress.Costs;
import org.greendl.compress.Layers;
import org.greendl.compress.SideBySide;
import org.greendl.compress.WeightLayer;
import org.greendl.compress.distill.DistillationBlock;
import org.greendl.compress.distill.DistillationConfig;
import org.greendl.compress.distill.DistillationLoss;
import org.greendl.compress.lowrank.LowRankConfig;
import org.greendl.compress.lowrank.LowRankFactorization;
import org.greendl.compress.lowrank.RankPolicy;
import org.greendl.compress.prune.CubicSchedule;
import org.greendl.compress.prune.GradualPruningListener;
import org.greendl.compress.prune.MagnitudePruning;
import org.greendl.compress.prune.MagnitudePruningConfig;
import org.greendl.compress.prune.PruningMasks;
import org.greendl.compress.prune.PruningScope;
import org.greendl.compress.prune.SparseSize;
import org.greendl.compress.prune.StructuredPruning;
import org.greendl.compress.prune.StructuredPruningConfig;
import org.greendl.compress.prune.WeightSnapshot;
import org.greendl.compress.quantize.Qat;
import org.greendl.compress.quantize.QatConfig;
import org.greendl.data.FashionMnist;
import org.greendl.data.FashionMnistOptions;
import org.greendl.data.FashionMnistSplits;
import org.greendl.record.AtomicFiles;
import org.greendl.nn.zoo.ModelZoo;

/**
 * Every compression technique on Fashion-MNIST against one cnn baseline, in one JVM, with greendl's training loop
 * (see {@link Fit}); writes results.json after each experiment. Usage:
 * {@code CompressExperiments OUT_DIR [experiments,comma,separated]} with experiments among
 * unstructured, structured, distill, lowrank, qat. The baseline's parameters are kept in OUT_DIR and reused.
 */
public final class CompressExperiments {
    static final Shape BATCH = new Shape(64, 1, 28, 28);
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path out;
    private final FashionMnistSplits data;
    private final NDManager manager = NDManager.newBaseManager();
    private final ObjectNode results;
    private byte[] baselineParams;
    private double baselineAccuracy;

    CompressExperiments(Path out, FashionMnistSplits data) throws Exception {
        this.out = out;
        this.data = data;
        Path r = out.resolve("results.json");
        results = Files.exists(r) ? (ObjectNode) JSON.readTree(r.toFile()) : JSON.createObjectNode();
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Set<String> only = args.length > 1 ? new HashSet<>(Arrays.asList(args[1].split(","))) : Set.of(
                "unstructured", "structured", "distill", "lowrank", "qat");
        int baselineEpochs = Integer.getInteger("baseline.epochs", 5);
        Integer trainLimit = Integer.getInteger("train.limit");
        Integer testLimit = Integer.getInteger("test.limit");
        FashionMnistSplits data = FashionMnist.load(FashionMnistOptions.defaults().withAllowDownload(false)
                .withLimits(trainLimit, testLimit));
        CompressExperiments x = new CompressExperiments(out, data);
        x.baseline(baselineEpochs);
        for (String name : new String[] {"structured", "unstructured", "distill", "lowrank", "qat"}) {
            if (only.contains(name)) {
                long t0 = System.nanoTime();
                System.err.println("== " + name);
                ObjectNode node = x.results.putObject(name);
                switch (name) {
                    case "unstructured" -> x.unstructured(node);
                    case "structured" -> x.structured(node);
                    case "distill" -> x.distill(node);
                    case "lowrank" -> x.lowRank(node);
                    default -> x.qat(node);
                }
                node.put("wall_s", (System.nanoTime() - t0) / 1e9);
                x.save();
                System.err.println(node.toPrettyString());
            }
        }
        System.exit(0);
    }

    void baseline(int epochs) throws Exception {
        Path params = out.resolve("baseline-cnn.params");
        Block cnn = fresh("cnn");
        if (Files.exists(params)) {
            baselineParams = Files.readAllBytes(params);
            load(cnn, baselineParams);
        } else {
            System.err.println("== baseline cnn, " + epochs + " epochs");
            long t0 = System.nanoTime();
            Fit.train(cnn, subset("baseline.limit", null), BATCH, epochs, 1e-3f, Loss.softmaxCrossEntropyLoss());
            baselineParams = bytes(cnn);
            AtomicFiles.write(params, baselineParams);
            results.putObject("baseline").put("train_wall_s", (System.nanoTime() - t0) / 1e9);
        }
        baselineAccuracy = Fit.accuracy(cnn, data.test());
        Costs c = Costs.of(cnn, BATCH);
        ObjectNode b = results.has("baseline") ? (ObjectNode) results.get("baseline") : results.putObject("baseline");
        b.put("epochs", epochs).put("train_images", subsetSize("baseline.limit")).put("test_images", data.test().size())
                .put("test_accuracy", baselineAccuracy).put("params", c.params()).put("macs", c.macs());
        save();
        System.err.println("baseline test accuracy " + baselineAccuracy);
    }

    void unstructured(ObjectNode node) throws Exception {
        int epochs = Integer.getInteger("unstructured.epochs", 2);
        Block oneShot = baselineCopy();
        MagnitudePruning.prune(oneShot, MagnitudePruningConfig.of(0.9, PruningScope.GLOBAL));
        node.put("one_shot_no_fine_tune_accuracy", Fit.accuracy(oneShot, data.test()));

        Block model = baselineCopy();
        long steps = (long) Math.ceil(subsetSize("finetune.limit") / 64.0) * epochs;
        long end = Math.max(1, steps * 6 / 10);
        CubicSchedule schedule = new CubicSchedule(0, 0.9, 0, end, Math.max(1, end / 20));
        GradualPruningListener gradual = new GradualPruningListener(schedule,
                MagnitudePruningConfig.of(0, PruningScope.GLOBAL), model);
        Fit.train(model, fineTuneSet(node), BATCH, epochs, 5e-4f, Loss.softmaxCrossEntropyLoss(), gradual);
        PruningMasks masks = gradual.masks();
        masks.write(out.resolve("unstructured-" + PruningMasks.FILE));
        double acc = Fit.accuracy(model, data.test());
        Costs c = Costs.of(model, BATCH);
        SparseSize.Sizes sizes = SparseSize.measure(model);
        node.put("schedule", schedule.toString()).put("fine_tune_epochs", epochs)
                .put("weight_sparsity", masks.sparsity()).put("param_sparsity", c.sparsity())
                .put("test_accuracy", acc).put("drop_points", 100 * (baselineAccuracy - acc))
                .put("macs", c.macs()).put("effective_macs", c.effectiveMacs())
                .put("dense_bytes", sizes.denseBytes()).put("bitmask_bytes", sizes.bitmaskBytes())
                .put("deflated_bytes", sizes.deflatedBytes());
        ObjectNode per = node.putObject("layer_sparsity");
        masks.kept().keySet().forEach(l -> per.put(l, masks.sparsity(l)));
        Block base = baselineCopy();
        node.put("baseline_deflated_bytes", SparseSize.measure(base).deflatedBytes());
    }

    void structured(ObjectNode node) throws Exception {
        int epochs = Integer.getInteger("structured.epochs", 2);
        double ratio = Double.parseDouble(System.getProperty("structured.ratio", "0.5"));
        Block base = baselineCopy();
        StructuredPruning.Result r = StructuredPruning.prune(base, BATCH, manager, StructuredPruningConfig.of(ratio));
        Block pruned = r.block();
        node.put("ratio", ratio).put("no_fine_tune_accuracy", Fit.accuracy(pruned, data.test()));
        Fit.train(pruned, fineTuneSet(node), BATCH, epochs, 5e-4f, Loss.softmaxCrossEntropyLoss());
        double acc = Fit.accuracy(pruned, data.test());
        Costs cb = Costs.of(base, BATCH);
        Costs cp = Costs.of(pruned, BATCH);
        node.put("fine_tune_epochs", epochs).put("test_accuracy", acc)
                .put("drop_points", 100 * (baselineAccuracy - acc))
                .put("params", cp.params()).put("baseline_params", cb.params())
                .put("macs", cp.macs()).put("baseline_macs", cb.macs())
                .put("macs_removed", 1 - (double) cp.macs() / cb.macs());
        ObjectNode kept = node.putObject("kept_channels");
        r.keptChannels().forEach((k, v) -> kept.put(k, v[0] + "/" + v[1]));
        SideBySide.Result t = SideBySide.compare(base, pruned, BATCH, 10, 41);
        node.put("latency_batch64_baseline_ms", t.medianMillisA()).put("latency_batch64_pruned_ms", t.medianMillisB())
                .put("latency_ratio", t.ratio()).put("latency_rounds", t.rounds())
                .put("threads", System.getProperty("ai.djl.pytorch.num_threads", "default"));
    }

    void distill(ObjectNode node) throws Exception {
        int epochs = Integer.getInteger("distill.epochs", 3);
        double temperature = Double.parseDouble(System.getProperty("distill.temperature", "4"));
        double alpha = Double.parseDouble(System.getProperty("distill.alpha", "0.7"));
        Block teacher = baselineCopy();
        Block alone = fresh("lenet5");
        WeightSnapshot init = WeightSnapshot.of(alone);
        node.put("train_images", subsetSize("distill.limit"));
        Fit.train(alone, subset("distill.limit", null), BATCH, epochs, 1e-3f, Loss.softmaxCrossEntropyLoss());
        double aloneAcc = Fit.accuracy(alone, data.test());
        Block student = fresh("lenet5");
        init.restore(student); // same starting point as the student trained alone
        DistillationConfig cfg = DistillationConfig.of(temperature, alpha);
        DistillationBlock block = new DistillationBlock(student, teacher, java.util.List.of());
        block.initialize(manager, DataType.FLOAT32, BATCH);
        Fit.train(block, subset("distill.limit", null), BATCH, epochs, 1e-3f, new DistillationLoss(cfg));
        double distilled = Fit.accuracy(student, data.test());
        long tp = Costs.of(teacher, BATCH).params();
        long sp = Costs.of(student, BATCH).params();
        node.put("student", "lenet5").put("epochs", epochs).put("temperature", temperature).put("alpha", alpha)
                .put("teacher_params", tp).put("student_params", sp).put("param_ratio", (double) sp / tp)
                .put("teacher_accuracy", baselineAccuracy).put("student_alone_accuracy", aloneAcc)
                .put("student_distilled_accuracy", distilled).put("gain_points", 100 * (distilled - aloneAcc))
                .put("gap_to_teacher_points", 100 * (baselineAccuracy - distilled));
    }

    void lowRank(ObjectNode node) throws Exception {
        int epochs = Integer.getInteger("lowrank.epochs", 1);
        double fraction = Double.parseDouble(System.getProperty("lowrank.params", "0.4"));
        Block base = baselineCopy();
        LowRankFactorization.Result r = LowRankFactorization.factorize(base, BATCH, manager,
                LowRankConfig.linear(RankPolicy.params(fraction)));
        node.put("no_fine_tune_accuracy", Fit.accuracy(r.block(), data.test()));
        Fit.train(r.block(), fineTuneSet(node), BATCH, epochs, 2e-4f, Loss.softmaxCrossEntropyLoss());
        double acc = Fit.accuracy(r.block(), data.test());
        long before = linearParams(base);
        long after = linearParams(r.block());
        node.put("fine_tune_epochs", epochs).put("test_accuracy", acc)
                .put("drop_points", 100 * (baselineAccuracy - acc))
                .put("linear_params_before", before).put("linear_params_after", after)
                .put("linear_param_reduction", (double) before / after)
                .put("params", Costs.of(r.block(), BATCH).params()).put("macs", Costs.of(r.block(), BATCH).macs());
        ObjectNode layers = node.putObject("layers");
        r.layers().forEach((k, v) -> layers.put(k, v.toString()));
    }

    void qat(ObjectNode node) throws Exception {
        int epochs = Integer.getInteger("qat.epochs", 1);
        Block ptq = Qat.wrap(baselineCopy(), QatConfig.defaults());
        ptq.initialize(manager, DataType.FLOAT32, BATCH);
        node.put("calibrated_only_accuracy", Fit.accuracy(ptq, data.test()));
        Block model = baselineCopy();
        Block wrapped = Qat.wrap(model, QatConfig.defaults());
        wrapped.initialize(manager, DataType.FLOAT32, BATCH);
        Fit.train(wrapped, fineTuneSet(node), BATCH, epochs, 1e-4f, Loss.softmaxCrossEntropyLoss());
        double acc = Fit.accuracy(wrapped, data.test());
        Qat.scales(wrapped).write(out.resolve("qat.json"));
        node.put("epochs", epochs).put("fake_quant_accuracy", acc).put("fp32_baseline_accuracy", baselineAccuracy)
                .put("drop_points", 100 * (baselineAccuracy - acc))
                .put("fp32_weights_after_qat_accuracy", Fit.accuracy(model, data.test()));
    }

    /** The training set, or its first {@code -Dfinetune.limit} images (recorded in the results). */
    ai.djl.training.dataset.Dataset fineTuneSet(ObjectNode node) {
        node.put("fine_tune_images", subsetSize("finetune.limit"));
        return subset("finetune.limit", null);
    }

    /** The first N training images, N from a system property (all when unset). */
    ai.djl.training.dataset.Dataset subset(String property, Integer fallback) {
        Integer limit = Integer.getInteger(property, fallback);
        return limit == null || limit >= data.train().size() ? data.train() : data.train().firstN(limit);
    }

    long subsetSize(String property) {
        Integer limit = Integer.getInteger(property);
        return limit == null ? data.train().size() : Math.min(limit, data.train().size());
    }

    static long linearParams(Block b) {
        long n = 0;
        for (WeightLayer l : Layers.weightLayers(b)) {
            if (!l.isConvolution()) {
                n += l.weightCount() + (l.bias() == null ? 0 : l.bias().getArray().size());
            }
        }
        return n;
    }

    Block fresh(String name) {
        Block b = ModelZoo.build(name);
        b.initialize(manager, DataType.FLOAT32, BATCH);
        return b;
    }

    Block baselineCopy() throws Exception {
        Block b = fresh("cnn");
        load(b, baselineParams);
        return b;
    }

    void load(Block b, byte[] params) throws Exception {
        b.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(params)));
    }

    static byte[] bytes(Block b) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(bytes)) {
            b.saveParameters(o);
        }
        return bytes.toByteArray();
    }

    void save() throws Exception {
        AtomicFiles.write(out.resolve("results.json"), JSON.writeValueAsBytes(results));
    }
}
