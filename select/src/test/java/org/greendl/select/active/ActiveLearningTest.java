package org.greendl.select.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.greendl.meter.unit.Energy;
import org.greendl.select.EnergyClock;
import org.greendl.select.ImageSet;
import org.greendl.select.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActiveLearningTest {
    private static final ImageSet TRAIN = SyntheticImages.make(300, 1);
    private static final ImageSet TEST = SyntheticImages.make(100, 2);

    @TempDir
    Path dir;

    private static ActiveLearningSettings settings(String strategy) {
        return ActiveLearningSettings.epochs(strategy, 20, 20, 2, "mlp", 2, 16, 1e-3f, 3, false, 5, 0.3, 0);
    }

    /** A fake meter: every read adds 1 Wh, so energy is cumulative and strictly growing. */
    private static EnergyClock ticking() {
        AtomicLong reads = new AtomicLong();
        return () -> Energy.ofKwh(reads.incrementAndGet() * 1e-3);
    }

    private ActiveLearning loop(ActiveLearningSettings s, LabelSource labels, Path state) {
        return new ActiveLearning(s, TRAIN, TEST, TEST.allIds(), labels, ticking(), state, null);
    }

    @Test
    void simulatedLoopTrainsEveryRoundAndRecordsACumulativeCurve() throws Exception {
        for (String strategy : new String[] {"margin", "k-center", "bald"}) {
            Path state = dir.resolve(strategy).resolve(PoolStates.FILE);
            ActiveLearning.Result r = loop(settings(strategy), LabelSource.groundTruth(TRAIN), state)
                    .run(PoolState.start(strategy, 3, TRAIN.allIds()));
            assertEquals(ActiveLearning.Outcome.COMPLETED, r.outcome());
            var curve = r.state().curve();
            assertEquals(3, curve.size(), strategy);
            assertArrayEquals(new int[] {20, 40, 60}, curve.stream().mapToInt(CurvePoint::labels).toArray());
            for (int i = 1; i < curve.size(); i++) {
                assertTrue(curve.get(i).energyKwh() > curve.get(i - 1).energyKwh(), "energy is cumulative");
                assertTrue(curve.get(i).selectionKwh() > curve.get(i - 1).selectionKwh(), "selection is counted");
            }
            assertTrue(curve.get(2).testAccuracy() > 0.5, strategy + " learns the bands: " + curve);
            assertEquals(60, r.state().labelMap().size());
            r.state().labelMap().forEach((id, label) -> assertEquals(TRAIN.label(id), label));
            assertEquals(r.state(), PoolStates.load(state), "the saved state is the final state");
        }
    }

    @Test
    void aFixedStepBudgetWithCosineTrainsEveryRoundAlike() throws Exception {
        ActiveLearningSettings s = new ActiveLearningSettings("margin", 20, 20, 2, "mlp", 1, 16, 1e-2f, 3, false, 5,
                0.3, 0, 12, "cosine");
        assertEquals(12, s.stepsPerRound(20));
        assertEquals(12, s.stepsPerRound(60), "the budget does not grow with the labels");
        assertEquals(4, settings("margin").stepsPerRound(20), "2 epochs of 20 in batches of 16");
        ActiveLearning.Result r = loop(s, LabelSource.groundTruth(TRAIN), dir.resolve("steps").resolve(PoolStates.FILE))
                .run(PoolState.start("margin", 3, TRAIN.allIds()));
        assertEquals(3, r.state().curve().size());
        assertTrue(r.state().curve().get(2).testAccuracy() > 0.5, r.state().curve().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ActiveLearningSettings(
                "margin", 20, 20, 2, "mlp", 1, 16, 1e-2f, 3, true, 5, 0.3, 0, 12, "cosine"));
        assertTrue(e.getMessage().contains("--warm-start"), e.getMessage());
        // A settings.json as runs before the option wrote it.
        ActiveLearningSettings old = org.greendl.select.Json.MAPPER.readValue("""
                {"strategy": "margin", "initial": 20, "query": 20, "rounds": 1, "model": "mlp", "epochs": 2,
                 "batch_size": 16, "learning_rate": 0.001, "seed": 3, "warm_start": true, "mc_passes": 5,
                 "mc_dropout_rate": 0.3, "candidates": 0}""", ActiveLearningSettings.class);
        assertEquals("constant", old.lrSchedule(), "settings.json from before the option resumes as it ran");
        assertEquals(0, old.steps());
    }

    @Test
    void fileLoopPausesForLabelsRejectsBadFilesIntactAndResumes() throws Exception {
        ActiveLearningSettings s = ActiveLearningSettings.epochs("entropy", 10, 10, 1, "mlp", 1, 16, 1e-3f, 3, false, 5,
                0.3, 100);
        Path state = dir.resolve(PoolStates.FILE);
        Path queries = dir.resolve("queries");
        ActiveLearning.Result first = loop(s, LabelSource.files(queries, null, TRAIN, LabelFiles.FASHION_MNIST_CLASSES),
                state).run(PoolState.start("entropy", 3, TRAIN.allIds()));
        assertEquals(ActiveLearning.Outcome.WAITING_FOR_LABELS, first.outcome());
        Path csv = queries.resolve("round-00").resolve(LabelFiles.QUERY_FILE);
        assertEquals(11, Files.readAllLines(csv).size());
        assertEquals(10, Files.list(queries.resolve("round-00/images")).count());

        // A label file with an id that was not queried: one-line error, state file untouched.
        String saved = Files.readString(state);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "id,label\n" + answers(first.state()) + "299999,1\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop(s,
                LabelSource.files(queries, bad, TRAIN, LabelFiles.FASHION_MNIST_CLASSES), state)
                .run(PoolStates.load(state)));
        assertTrue(e.getMessage().startsWith("id 299999 was not queried in round 0"), e.getMessage());
        assertEquals(saved, Files.readString(state));

        // The person's answers: the loop trains round 0, queries round 1 and pauses again.
        Path good = dir.resolve("labels.csv");
        Files.writeString(good, "id,label\n" + answers(first.state()));
        ActiveLearning.Result second = loop(s, LabelSource.files(queries, good, TRAIN,
                LabelFiles.FASHION_MNIST_CLASSES), state).run(PoolStates.load(state));
        assertEquals(ActiveLearning.Outcome.WAITING_FOR_LABELS, second.outcome());
        assertEquals(1, second.state().round());
        assertEquals(1, second.state().curve().size());
        assertTrue(Files.isRegularFile(queries.resolve("round-01").resolve(LabelFiles.QUERY_FILE)));
        assertTrue(second.state().priorEnergyKwh() > 0, "energy carries over to the next session");

        // Resuming with ground truth finishes the run; the earlier energy is included.
        ActiveLearning.Result done = loop(s, LabelSource.groundTruth(TRAIN), state).run(PoolStates.load(state));
        assertEquals(ActiveLearning.Outcome.COMPLETED, done.outcome());
        assertEquals(2, done.state().curve().size());
        assertTrue(done.state().curve().get(1).energyKwh() > second.state().priorEnergyKwh());
    }

    @Test
    void aResumedSessionQueriesWithTheSavedModelAndWarmStartsFromIt() throws Exception {
        Path state = dir.resolve(PoolStates.FILE);
        // Session 1 measures round 0 only (as if killed right after saving it).
        ActiveLearningSettings first = ActiveLearningSettings.epochs("least-confidence", 20, 20, 0, "mlp", 2, 16, 1e-3f,
                3, true, 5, 0.3, 0);
        ActiveLearning.Result r0 = loop(first, LabelSource.groundTruth(TRAIN), state)
                .run(PoolState.start("least-confidence", 3, TRAIN.allIds()));
        assertEquals(1, r0.state().curve().size());
        assertTrue(Files.isDirectory(dir.resolve("learner")), "the round's model is saved beside the state");
        // Session 2 (a fresh process) must query with that model, then warm-start round 1 from it.
        ActiveLearningSettings s = ActiveLearningSettings.epochs("least-confidence", 20, 20, 1, "mlp", 2, 16, 1e-3f, 3,
                true, 5, 0.3, 0);
        ActiveLearning.Result r = loop(s, LabelSource.groundTruth(TRAIN), state).run(PoolStates.load(state));
        assertEquals(ActiveLearning.Outcome.COMPLETED, r.outcome());
        assertEquals(2, r.state().curve().size());
        assertTrue(r.state().curve().get(1).testAccuracy() >= r.state().curve().get(0).testAccuracy() - 0.05,
                "continuing from the saved weights does not start over: " + r.state().curve());
    }

    @Test
    void aPlanLargerThanThePoolFailsBeforeTraining() {
        ActiveLearningSettings s = ActiveLearningSettings.epochs("margin", 100, 100, 3, "mlp", 1, 16, 1e-3f, 3, false, 5,
                0.3, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop(s,
                LabelSource.groundTruth(TRAIN), dir.resolve("s.json")).run(PoolState.start("margin", 3, TRAIN.allIds())));
        assertEquals("query of 100 x 3 rounds after 100 initial labels needs 400 examples but the pool holds 300",
                e.getMessage());
        assertTrue(Files.notExists(dir.resolve("s.json")));
    }

    private static String answers(PoolState s) {
        StringBuilder b = new StringBuilder();
        for (int id : s.pending()) {
            b.append(id).append(',').append(TRAIN.label(id)).append('\n');
        }
        return b.toString();
    }
}
