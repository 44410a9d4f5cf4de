package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;

class TrainingSessionTest {
    @TempDir Path tmp;

    private static TrainingConfig.Builder tiny(int epochs) {
        return TrainingConfig.builder().setEpochs(epochs).setBatchSize(32).setLearningRate(0.01).optModelName("tiny")
                .optSeed(5);
    }

    @Test
    void trainsRecordsAndCheckpoints() throws Exception {
        Path out = tmp.resolve("run");
        TrainingConfig config = tiny(3).optOutputDir(out).optProgress(ProgressMode.LINES).build();
        RunRecord r;
        try (TrainingSession s = new TrainingSession(config)) {
            r = s.train(Tiny.model(), Tiny.data(640, 1, 32, true), Tiny.data(160, 2, 64, false),
                    Tiny.data(200, 3, 64, false));
        }
        assertEquals("completed", r.stopReason());
        assertEquals(3, r.epochs().size());
        assertTrue(r.metrics().testAccuracy() > 0.5, "test accuracy " + r.metrics().testAccuracy());
        assertTrue(r.epochs().get(2).validationLoss() < r.epochs().get(0).validationLoss());
        assertTrue(r.energy().totalKwh() > 0);
        double trainingKwh = ((Number) r.config().get("training_energy_kwh")).doubleValue();
        assertTrue(r.energy().totalKwh() > trainingKwh, "the final test evaluation is measured too");
        double epochSum = r.epochs().stream().mapToDouble(e -> e.energy().totalKwh()).sum();
        assertTrue(epochSum <= r.energy().totalKwh() * 1.0001, epochSum + " > " + r.energy().totalKwh());
        assertEquals(20, r.epochs().get(0).steps());
        assertTrue(r.epochs().get(0).throughputExamplesPerS() > 0);
        assertTrue(r.model().params() > 0);
        assertEquals(RunRecords.toJson(r), RunRecords.toJson(RunRecords.read(out.resolve("run.json"))));
        assertEquals(3, Checkpoints.read(out).state().epoch());
        assertEquals(60, Checkpoints.read(out).state().globalStep());
        String json = Files.readString(out.resolve("run.json"));
        assertTrue(json.contains("\"stop_reason\" : \"completed\"") && json.contains("\"test_accuracy\""), json);
    }

    @Test
    void targetAccuracyAndEarlyStoppingStopAtAnEpochEnd() throws Exception {
        RunRecord target = TrainingSession.run(Tiny.model(), Tiny.data(640, 1, 32, true), Tiny.data(160, 2, 64, false),
                null, tiny(20).optBudgets(Budgets.none().withTargetAccuracy(0.4)).build());
        assertEquals("target-accuracy", target.stopReason());
        assertTrue(target.epochs().size() < 20);
        assertTrue(target.metrics().validationAccuracy() >= 0.4);
        // A negligible learning rate never improves the validation loss: patience 2 stops after 3 epochs.
        RunRecord plateau = TrainingSession.run(Tiny.linear(), Tiny.data(128, 1, 32, true), Tiny.data(64, 2, 64, false),
                null, tiny(10).setLearningRate(1e-12).optEarlyStopping(new EarlyStopping(2, 0.01)).build());
        assertEquals("early-stopping", plateau.stopReason());
        assertEquals(3, plateau.epochs().size());
    }

    @Test
    void nanLossStopsAndKeepsTheLastGoodCheckpoint() throws Exception {
        Path out = tmp.resolve("nan");
        AtomicInteger calls = new AtomicInteger();
        Loss poisoned = new Loss("poisoned") {
            private final Loss inner = new SmoothedCrossEntropyLoss(0);

            @Override
            public NDArray evaluate(NDList labels, NDList predictions) {
                NDArray l = inner.evaluate(labels, predictions);
                return calls.incrementAndGet() == 25 ? l.mul(Float.NaN) : l;
            }
        };
        Block block = Tiny.model();
        try (TrainingSession s = new TrainingSession(tiny(3).optLoss(poisoned).optOutputDir(out).build())) {
            RunRecord r = s.train(block, Tiny.data(640, 1, 32, true), null, null);
            assertEquals("nan-loss", r.stopReason());
            assertTrue(r.stopDetail().contains("NaN at epoch 2 step 5") && r.stopDetail().contains("epoch 1"),
                    r.stopDetail());
            assertEquals(1, Checkpoints.read(out).state().epoch());
            assertArrayEquals(Files.readAllBytes(Checkpoints.read(out).params()), paramBytes(block),
                    "the block must hold the parameters of the last good checkpoint");
            assertEquals("nan-loss", RunRecords.read(out.resolve("run.json")).stopReason());
        }
    }

    @Test
    void resumingFromSomethingElseIsAOneLineError() {
        Path notCheckpoint = tmp.resolve("empty");
        IOException e = assertThrows(IOException.class, () -> TrainingSession.run(Tiny.model(),
                Tiny.data(64, 1, 32, true), null, null, tiny(1).optResumeFrom(notCheckpoint).build()));
        assertTrue(e.getMessage().startsWith(notCheckpoint + ": not a greendl checkpoint"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void unwritableOutputFolderFailsBeforeTraining() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path out = file.resolve("run");
        IOException e = assertThrows(IOException.class, () -> TrainingSession.run(Tiny.model(),
                Tiny.data(64, 1, 32, true), null, null, tiny(1).optOutputDir(out).build()));
        assertTrue(e.getMessage().startsWith(out + ": cannot create or write"), e.getMessage());
    }

    static byte[] paramBytes(Block block) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        return bytes.toByteArray();
    }
}
