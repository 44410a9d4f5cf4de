package org.greendl.compress;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.TrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Random;

/** A few steps of plain DJL training on a synthetic, learnable task (label = argmax of three image sums). */
public final class Training {
    private Training() {}

    public static ArrayDataset data(NDManager manager, int n, Shape image, long seed) {
        Random rnd = new Random(seed);
        int per = (int) (image.size() / image.get(0));
        float[] x = new float[n * per];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int label = rnd.nextInt(3);
            y[i] = label;
            for (int j = 0; j < per; j++) {
                // the class lights up one third of the pixels
                x[i * per + j] = (float) rnd.nextGaussian() * 0.3f + ((j * 3 / per) == label ? 1f : 0f);
            }
        }
        Shape xs = new Shape(n).addAll(image.slice(1));
        NDArray xa = manager.create(x, xs);
        NDArray ya = manager.create(y);
        return new ArrayDataset.Builder().setData(xa).optLabels(ya).setSampling(16, true).build();
    }

    /** Trains {@code block} (kept initialized values) for some epochs; returns the final training accuracy. */
    public static float train(Block block, ArrayDataset data, Shape input, int epochs, Loss loss,
            TrainingListener... listeners) {
        try (Model model = Model.newInstance("t")) {
            model.setBlock(block);
            DefaultTrainingConfig cfg = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build())
                    .addEvaluator(new Accuracy())
                    .addTrainingListeners(listeners);
            try (Trainer trainer = model.newTrainer(cfg)) {
                trainer.initialize(input);
                EasyTrain.fit(trainer, epochs, data, null);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return accuracy(block, data);
        }
    }

    /** Accuracy of {@code block} (inference mode) over a dataset. */
    public static float accuracy(Block block, ArrayDataset data) {
        try (NDManager m = NDManager.newBaseManager()) {
            long correct = 0;
            long total = 0;
            for (ai.djl.training.dataset.Batch b : data.getData(m)) {
                try (b) {
                    NDArray logits = block.forward(new ai.djl.training.ParameterStore(m, false), b.getData(), false)
                            .head();
                    NDArray pred = logits.argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false);
                    correct += pred.eq(b.getLabels().head().toType(ai.djl.ndarray.types.DataType.FLOAT32, false))
                            .sum().getLong();
                    total += pred.size();
                }
            }
            return (float) correct / total;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
