package org.greendl.select;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greendl.record.AtomicFiles;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.train.BatchStep;

/**
 * One zoo model with its optimizer, trained on any list of image ids in any order and probed for
 * probabilities and penultimate features. Keeping the learner across rounds is "warm start"; a new learner
 * per round is "retrain from scratch".
 */
public final class Learner implements AutoCloseable {
    private final String modelName;
    private final Model model;
    private final Trainer trainer;
    private final Block block;

    private Learner(String modelName, Model model, Trainer trainer) {
        this.modelName = modelName;
        this.model = model;
        this.trainer = trainer;
        this.block = model.getBlock();
    }

    /**
     * A freshly initialized zoo model (or model spec) sized by {@code shapeOf}'s example shape and classes
     * ({@code seed} fixes the initial weights) with Adam at {@code learningRate}.
     */
    public static Learner create(String modelName, ImageSet shapeOf, float learningRate, long seed) {
        return create(modelName, build(modelName, shapeOf), shapeOf, learningRate, seed);
    }

    /** A freshly initialized model sized by the data, with Adam following {@code learningRate} (see {@link LearningRates}). */
    public static Learner create(String modelName, ImageSet shapeOf, ai.djl.training.tracker.Tracker learningRate,
            long seed) {
        return create(modelName, build(modelName, shapeOf), shapeOf, learningRate, seed);
    }

    /** What a model is sized for on {@code data}: one example's shape and the class count. */
    public static InputSpec inputOf(ImageSet data) {
        return new InputSpec(data.exampleShape(), data.classes());
    }

    /** A new block of {@code modelName} sized for {@code data}; a model that cannot take it fails in one line. */
    public static Block build(String modelName, ImageSet data) {
        return ModelResolver.resolve(modelName, Map.of(), inputOf(data)).block();
    }

    /** A learner around any block taking {@code (N, C, H, W)} images (or {@code (N, F)} vectors) and returning class logits. */
    public static Learner create(String modelName, Block block, ImageSet shapeOf, float learningRate, long seed) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        return create(modelName, block, shapeOf, ai.djl.training.tracker.Tracker.fixed(learningRate), seed);
    }

    private static Learner create(String modelName, Block block, ImageSet shapeOf,
            ai.djl.training.tracker.Tracker learningRate, long seed) {
        Engine.getInstance().setRandomSeed((int) seed);
        Model model = Model.newInstance("select-" + modelName);
        try {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(learningRate).build());
            Trainer trainer = model.newTrainer(config);
            trainer.initialize(shape(shapeOf, 1));
            return new Learner(modelName, model, trainer);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public String modelName() {
        return modelName;
    }

    public Block block() {
        return block;
    }

    /** Sees every id of {@code order} once, in that order, in mini-batches; returns the mean loss. */
    public double trainEpoch(ImageSet data, int[] order, int batchSize, BatchObserver observer) {
        return trainEpoch(data, order, batchSize, observer, data::normalized);
    }

    /** The network's input for {@code ids[from..to)}: normalized, possibly augmented, flat NCHW (or NF). */
    @FunctionalInterface
    public interface BatchImages {
        float[] images(int[] ids, int from, int to);
    }

    /** As {@link #trainEpoch(ImageSet, int[], int, BatchObserver)}, with the inputs from {@code images}. */
    public double trainEpoch(ImageSet data, int[] order, int batchSize, BatchObserver observer, BatchImages images) {
        if (order.length == 0) {
            throw new IllegalArgumentException("nothing to train on (empty example list)");
        }
        double lossSum = 0;
        for (int from = 0; from < order.length; from += batchSize) {
            int to = Math.min(order.length, from + batchSize);
            try (NDManager m = trainer.getManager().newSubManager()) {
                NDArray x = m.create(images.images(order, from, to), shape(data, to - from));
                float[] y = new float[to - from];
                for (int i = from; i < to; i++) {
                    y[i - from] = data.label(order[i]);
                }
                NDArray labels = m.create(y);
                BatchStep.Outcome outcome = BatchStep.forwardBackward(trainer, new NDList(x), new NDList(labels), 1);
                if (!outcome.finite()) {
                    throw diverged(outcome.loss());
                }
                NDList predictions = outcome.predictions();
                lossSum += outcome.loss() * (to - from);
                trainer.step();
                if (observer != null) {
                    int[] predicted = predictions.singletonOrThrow().argMax(1).toType(DataType.INT32, false)
                            .toIntArray();
                    boolean[] correct = new boolean[to - from];
                    for (int i = 0; i < correct.length; i++) {
                        correct[i] = predicted[i] == (int) y[i];
                    }
                    observer.onBatch(order, from, correct);
                }
            }
        }
        return lossSum / order.length;
    }

    private static IllegalStateException diverged(float loss) {
        return new IllegalStateException("training diverged (" + (Float.isNaN(loss) ? "NaN" : "infinite")
                + " loss); try a smaller --lr");
    }

    /** Softmax probabilities {@code [id][class]} and, when asked, penultimate features {@code [id][d]}. */
    public Predictions predict(ImageSet data, int[] ids, boolean withFeatures, int batchSize) {
        List<Block> layers = withFeatures ? sequentialWithLinearHead() : List.of(block);
        float[][] probabilities = new float[ids.length][];
        float[][] features = withFeatures ? new float[ids.length][] : null;
        for (int from = 0; from < ids.length; from += batchSize) {
            int to = Math.min(ids.length, from + batchSize);
            try (NDManager m = trainer.getManager().newSubManager()) {
                ParameterStore ps = new ParameterStore(m, false);
                NDList x = new NDList(m.create(data.normalized(ids, from, to), shape(data, to - from)));
                for (int l = 0; l < layers.size(); l++) {
                    if (withFeatures && l == layers.size() - 1) {
                        rows(x.singletonOrThrow().toFloatArray(), to - from, features, from);
                    }
                    x = layers.get(l).forward(ps, x, false);
                }
                rows(x.singletonOrThrow().softmax(1).toFloatArray(), to - from, probabilities, from);
            }
        }
        return new Predictions(probabilities, features);
    }

    /** Accuracy of the deterministic model on {@code ids}. */
    public double accuracy(ImageSet data, int[] ids, int batchSize) {
        float[][] p = predict(data, ids, false, batchSize).probabilities();
        int right = 0;
        for (int i = 0; i < ids.length; i++) {
            if (argMax(p[i]) == data.label(ids[i])) {
                right++;
            }
        }
        return ids.length == 0 ? Double.NaN : (double) right / ids.length;
    }

    /** The last linear layer: weight {@code [classes][d]} and bias {@code [classes]}. */
    public Head head() {
        List<Block> layers = sequentialWithLinearHead();
        Block last = layers.get(layers.size() - 1);
        Parameter w = last.getParameters().get("weight");
        Parameter b = last.getParameters().contains("bias") ? last.getParameters().get("bias") : null;
        long[] s = w.getArray().getShape().getShape();
        float[][] weight = new float[(int) s[0]][];
        rows(w.getArray().toFloatArray(), (int) s[0], weight, 0);
        return new Head(weight, b == null ? null : b.getArray().toFloatArray());
    }

    /**
     * Saves the parameters (warm start resumes from them), each file whole or not at all: DJL writes into a
     * scratch folder, and each file then replaces its previous version through {@link AtomicFiles}, so a kill
     * mid-save leaves the last round's parameters, never a torn file.
     */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path scratch = Files.createTempDirectory(dir, ".learner-");
        try {
            model.save(scratch, "learner");
            try (var files = Files.list(scratch)) {
                for (Path f : files.toList()) {
                    AtomicFiles.write(dir.resolve(f.getFileName().toString()), Files.readAllBytes(f));
                }
            }
        } finally {
            try (var left = Files.list(scratch)) {
                for (Path f : left.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    /** Loads parameters saved by {@link #save} into this (same-architecture) learner. */
    public void load(Path dir) throws IOException {
        try {
            model.load(dir, "learner");
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("cannot load saved learner from " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies the weights (and batch-norm statistics) of a learner of the same architecture into this one; with
     * {@code exceptHead} the last linear layer keeps this learner's fresh initialization (the usual start of
     * fine-tuning on a new label set: a head trained on other classes only biases the predictions towards them).
     */
    public void copyWeightsFrom(Learner other, boolean exceptHead) {
        var mine = block.getParameters();
        var theirs = other.block.getParameters();
        if (mine.size() != theirs.size()) {
            throw new IllegalArgumentException("cannot copy weights between different architectures ("
                    + theirs.size() + " vs " + mine.size() + " parameters)");
        }
        java.util.Set<Parameter> head = new java.util.HashSet<>();
        if (exceptHead) {
            List<Block> layers = sequentialWithLinearHead();
            layers.get(layers.size() - 1).getParameters().values().forEach(head::add);
        }
        for (int i = 0; i < mine.size(); i++) {
            Parameter to = mine.get(i).getValue();
            Parameter from = theirs.get(i).getValue();
            if (!to.getArray().getShape().equals(from.getArray().getShape())) {
                throw new IllegalArgumentException("parameter " + mine.get(i).getKey() + " differs in shape");
            }
            if (!head.contains(to)) {
                to.getArray().set(java.nio.FloatBuffer.wrap(from.getArray().toFloatArray()));
            }
        }
    }

    private List<Block> sequentialWithLinearHead() {
        if (!(block instanceof SequentialBlock seq) || seq.getChildren().isEmpty()
                || !(seq.getChildren().values().get(seq.getChildren().size() - 1) instanceof Linear)) {
            throw new IllegalArgumentException("model '" + modelName + "' is not a sequential model ending in a "
                    + "linear layer (needed for embeddings and MC dropout on the head)");
        }
        return new ArrayList<>(seq.getChildren().values());
    }

    private static Shape shape(ImageSet data, int n) {
        return new Shape(n).addAll(data.exampleShape());
    }

    private static void rows(float[] flat, int n, float[][] out, int offset) {
        int d = flat.length / n;
        for (int i = 0; i < n; i++) {
            float[] row = new float[d];
            System.arraycopy(flat, i * d, row, 0, d);
            out[offset + i] = row;
        }
    }

    public static int argMax(float[] row) {
        int best = 0;
        for (int c = 1; c < row.length; c++) {
            if (row[c] > row[best]) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }

    /** Sees which examples of each training batch the model got right (before the update). */
    @FunctionalInterface
    public interface BatchObserver {
        void onBatch(int[] order, int from, boolean[] correct);
    }

    public record Predictions(float[][] probabilities, float[][] features) {}

    public record Head(float[][] weight, float[] bias) {}
}
