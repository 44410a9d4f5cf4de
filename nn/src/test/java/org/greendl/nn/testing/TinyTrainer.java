package org.greendl.nn.testing;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;

/** A minimal training loop for tests: Adam, fixed batches cycling over the data, per-step losses. */
public final class TinyTrainer {
    private TinyTrainer() {}

    /** Trains in place and returns the loss of every step. */
    public static List<Float> train(Block block, TinyFashion data, int steps, int batch, float lr, Loss loss) {
        List<Float> losses = new ArrayList<>();
        try (Model model = Model.newInstance("test")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batch, 1, 28, 28));
                NDManager m = trainer.getManager();
                int batches = data.count() / batch;
                for (int step = 0; step < steps; step++) {
                    int from = (step % batches) * batch;
                    try (NDManager scope = m.newSubManager()) {
                        NDArray x = scope.create(data.images(from, batch), new Shape(batch, 1, 28, 28));
                        NDArray y = scope.create(data.labels(from, batch), new Shape(batch));
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList pred = trainer.forward(new NDList(x));
                            NDArray l = loss.evaluate(new NDList(y), pred);
                            losses.add(l.getFloat());
                            gc.backward(l);
                        }
                        trainer.step();
                    }
                }
            }
        }
        return losses;
    }

    public static double mean(List<Float> values, int from, int to) {
        return values.subList(from, to).stream().mapToDouble(Float::doubleValue).average().orElseThrow();
    }
}
