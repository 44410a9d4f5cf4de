package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.sink.JsonLinesSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.greendl.record.RunRecord;

/** The listener in a user's own DJL loop: one energy entry and one task line per epoch. */
class EnergyListenerEasyTrainTest {
    @TempDir Path tmp;

    @Test
    void easyTrainFitGivesOneEnergyRowPerEpoch() throws Exception {
        Path meterDir = tmp.resolve("meter");
        Files.createDirectories(meterDir);
        EnergyListener energy = new EnergyListener(
                TrackerConfig.builder().optOutputDir(meterDir).optShutdownHook(false).build());
        int epochs = 3;
        try (NDManager manager = NDManager.newBaseManager();
                Model model = Model.newInstance("linear")) {
            Random r = new Random(7);
            float[] x = new float[64 * 4];
            float[] y = new float[64];
            for (int i = 0; i < y.length; i++) {
                float s = 0;
                for (int j = 0; j < 4; j++) {
                    x[i * 4 + j] = (float) r.nextGaussian();
                    s += (j + 1) * x[i * 4 + j];
                }
                y[i] = s;
            }
            ArrayDataset train = new ArrayDataset.Builder()
                    .setData(manager.create(x, new Shape(64, 4)))
                    .optLabels(manager.create(y, new Shape(64, 1)))
                    .setSampling(16, false).build();
            ArrayDataset validation = new ArrayDataset.Builder()
                    .setData(manager.create(x, new Shape(64, 4)))
                    .optLabels(manager.create(y, new Shape(64, 1)))
                    .setSampling(32, false).build();
            model.setBlock(Linear.builder().setUnits(1).build());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build())
                    .addTrainingListeners(energy);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(16, 4));
                EasyTrain.fit(trainer, epochs, train, validation);
                assertEquals(epochs, energy.epochs().size(), "one entry per finished epoch while training");
            }
        }
        List<EnergyListener.EpochEnergy> perEpoch = energy.epochs();
        assertEquals(epochs, perEpoch.size(), perEpoch.toString());
        double sum = 0;
        for (int i = 0; i < epochs; i++) {
            EnergyListener.EpochEnergy e = perEpoch.get(i);
            assertEquals(i + 1, e.epoch());
            assertTrue(e.measurement().total().kwh() > 0, "epoch " + e.epoch() + " energy");
            assertTrue(e.measurement().duration().toNanos() > 0);
            sum += e.measurement().total().kwh();
        }
        assertTrue(sum <= energy.latest().total().kwh() * 1.0001, sum + " > " + energy.latest().total().kwh());
        List<String> lines = Files.readAllLines(meterDir.resolve(JsonLinesSink.FILE_NAME), StandardCharsets.UTF_8);
        assertEquals(epochs, lines.size(), String.join("\n", lines));
        for (int i = 0; i < epochs; i++) {
            assertTrue(lines.get(i).contains("\"task\":\"epoch-" + (i + 1) + "\""), lines.get(i));
        }
    }

    @Test
    void trainingSessionStillWritesOneTaskLinePerEpoch() throws Exception {
        Path meterDir = tmp.resolve("session-meter");
        Files.createDirectories(meterDir);
        TrainingConfig config = TrainingConfig.builder().setEpochs(2).setBatchSize(32).setLearningRate(0.01)
                .optModelName("tiny").optSeed(5)
                .optTracker(TrackerConfig.builder().optOutputDir(meterDir).optShutdownHook(false).build()).build();
        RunRecord record;
        try (TrainingSession s = new TrainingSession(config)) {
            record = s.train(Tiny.linear(), Tiny.data(128, 1, 32, true), Tiny.data(64, 2, 64, false), null);
        }
        assertEquals(2, record.epochs().size());
        List<String> lines = Files.readAllLines(meterDir.resolve(JsonLinesSink.FILE_NAME), StandardCharsets.UTF_8);
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("\"task\":\"epoch-1\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"task\":\"epoch-2\""), lines.get(1));
    }
}
