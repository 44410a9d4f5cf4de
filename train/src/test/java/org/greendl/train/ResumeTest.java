package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.greendl.data.ImageDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.greendl.record.RunRecord;

/**
 * A run killed with SIGKILL after its first checkpoint and then resumed ends with the same parameters and
 * metrics as an uninterrupted run with the same seed.
 */
class ResumeTest {
    static final int EPOCHS = 3;

    @TempDir Path tmp;

    static TrainingConfig config(Path out, Path resume) {
        return TrainingConfig.builder().setEpochs(EPOCHS).setBatchSize(32).setLearningRate(0.01).optSeed(11)
                .optSchedule(LrSchedule.cosine(5)).optModelName("tiny").optOutputDir(out).optResumeFrom(resume)
                .build();
    }

    static ImageDataset train() {
        return Tiny.data(480, 21, 32, true).with(32, true, org.greendl.data.augment.Augmentations.parse("flip,cutout:3"));
    }

    static ImageDataset validation() {
        return Tiny.data(96, 22, 96, false);
    }

    @Test
    void killedRunResumesToTheSameResult() throws Exception {
        Path killed = tmp.resolve("killed");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("ai.djl.") || key.startsWith("org.slf4j.")) {
                command.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ResumeChild.class.getName(),
                killed.toString()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("child.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(killed.resolve(Checkpoints.POINTER)) && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(Files.exists(killed.resolve(Checkpoints.POINTER)), () -> "no checkpoint; child log:\n"
                + readQuietly(tmp.resolve("child.log")));
        int reached = Checkpoints.read(killed).state().epoch();
        assertTrue(reached >= 1 && reached < EPOCHS, "killed after epoch " + reached);
        assertFalse(Files.exists(killed.resolve("run.json")), "a killed run must not leave a run.json");

        Block resumedBlock = Tiny.model();
        Block fullBlock = Tiny.model();
        try (TrainingSession resumed = new TrainingSession(config(killed, killed));
                TrainingSession full = new TrainingSession(config(tmp.resolve("full"), null))) {
            RunRecord r = resumed.train(resumedBlock, train(), validation(), null);
            RunRecord f = full.train(fullBlock, train(), validation(), null);
            assertEquals("completed", r.stopReason());
            assertEquals(reached, r.config().get("resumed_after_epoch"));
            assertEquals(f.id().equals(r.id()), false);
            assertArrayEquals(TrainingSessionTest.paramBytes(fullBlock), TrainingSessionTest.paramBytes(resumedBlock),
                    "resumed parameters differ from the uninterrupted run's");
            assertEquals(f.metrics().validationAccuracy(), r.metrics().validationAccuracy());
            assertEquals(f.metrics().validationLoss(), r.metrics().validationLoss());
            assertEquals(EPOCHS, r.epochs().size());
            for (int i = 0; i < EPOCHS; i++) {
                assertEquals(f.epochs().get(i).trainLoss(), r.epochs().get(i).trainLoss(), "epoch " + (i + 1));
            }
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
