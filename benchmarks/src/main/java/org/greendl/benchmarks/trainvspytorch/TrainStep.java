// greendl's side of the train-vs-pytorch benchmark: times each optimizer step of greendl's real training loop
// (TrainingSession: batch building, forward, loss, backward, Adam step, accuracy count, energy reading) on the
// zoo's cnn, and prints one JSON line. Run by run.sh from the benchmarks module's class path.
package org.greendl.benchmarks.trainvspytorch;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.greendl.data.FashionMnist;
import org.greendl.data.FashionMnistOptions;
import org.greendl.data.FashionMnistSplits;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;

public final class TrainStep {
    public static void main(String[] args) throws Exception {
        int batch = 64;
        int steps = 60;
        int warmup = 10;
        String model = "cnn";
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--batch" -> batch = Integer.parseInt(args[i + 1]);
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--model" -> model = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        int total = warmup + steps;
        FashionMnistSplits data = FashionMnist.load(FashionMnistOptions.defaults().withValidationFraction(0)
                .withLimits(total * batch, 1).withBatchSize(batch).withAllowDownload(false));
        List<Long> stamps = new ArrayList<>();
        TrainingConfig config = TrainingConfig.builder().setEpochs(1).setBatchSize(batch).setLearningRate(1e-3)
                .optModelName(model).optListeners(List.of(new TrainingListenerAdapter() {
                    @Override
                    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                        stamps.add(System.nanoTime());
                    }
                })).build();
        long start = System.nanoTime();
        stamps.add(start);
        TrainingSession.run(ModelZoo.build(model), data.train(), null, null, config);
        // stamps[0] is taken before the session's setup; step i lasts stamps[i+1] - stamps[i] for i >= 1.
        double[] ms = new double[steps];
        for (int i = 0; i < steps; i++) {
            ms[i] = (stamps.get(warmup + 1 + i) - stamps.get(warmup + i)) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "{\"impl\": \"greendl\", \"model\": \"%s\", \"batch\": %d, \"steps\": %d,"
                        + " \"threads\": %s, \"median_ms\": %.3f, \"p10_ms\": %.3f, \"p90_ms\": %.3f}%n",
                model, batch, steps, System.getProperty("ai.djl.pytorch.num_threads"), ms[steps / 2],
                ms[steps / 10], ms[steps * 9 / 10]);
    }
}
