package org.greendl.train.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.greendl.meter.unit.Energy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchTest {
    @TempDir Path dir;

    static final SearchSpace SPACE = new SearchSpace("cnn", "fashion-mnist", 9, Map.of(
            "lr", List.of(0.001, 0.003, 0.01),
            "batch", List.of(32L, 64L, 128L),
            "weight_decay", List.of(0.0, 0.0001, 0.001)));

    /** A stand-in for training whose accuracy rises with epochs and peaks at lr=0.003, batch 64, wd 1e-4. */
    static class FakeTraining implements TrialRunner {
        final List<Trial> ran = new ArrayList<>();
        int failAfter = Integer.MAX_VALUE;

        @Override
        public TrialResult run(Trial t) {
            if (ran.size() >= failAfter) {
                throw new IllegalStateException("killed");
            }
            ran.add(t);
            Configuration c = t.config();
            double quality = 0.9 - Math.abs(Math.log10(c.getDouble("lr", 0) / 0.003)) * 0.05
                    - Math.abs(Math.log(c.getInt("batch", 0) / 64.0)) * 0.01
                    - (c.getDouble("weight_decay", 0) == 0.0001 ? 0 : 0.005);
            double acc = quality - 0.1 / t.epochs();
            int epochsRun = t.previous() == null ? t.epochs() : t.epochs() - t.previous().epochs();
            return new TrialResult(t.id(), c.values(), t.epochs(), acc, epochsRun * 0.001, null);
        }
    }

    private SearchSummary search(SearchMethod m, FakeTraining runner, Path out) throws Exception {
        return new Search(SPACE, SearchSettings.of(m, 7), runner, TrialJournal.open(out), s -> {}).run();
    }

    @Test
    void successiveHalvingFindsTheGridsBestForAThirdOfItsEnergy() throws Exception {
        SearchSummary grid = search(SearchMethod.GRID, new FakeTraining(), dir.resolve("grid"));
        SearchSummary sh = search(SearchMethod.SH, new FakeTraining(), dir.resolve("sh"));

        assertEquals(27, grid.trials().size());
        assertEquals(27 + 9 + 3, sh.trials().size(), "rungs of 1, 3 and 9 epochs");
        assertEquals(grid.best().config(), sh.best().config());
        assertTrue(sh.totalEnergyKwh() <= grid.totalEnergyKwh() / 3,
                sh.totalEnergyKwh() + " vs grid " + grid.totalEnergyKwh());
    }

    @Test
    void hyperbandRunsEveryBracketAndRandomSamplesAThird() throws Exception {
        FakeTraining runner = new FakeTraining();
        SearchSummary hb = search(SearchMethod.HYPERBAND, runner, dir.resolve("hb"));
        assertTrue(runner.ran.stream().anyMatch(t -> t.epochs() == 1));
        assertTrue(runner.ran.stream().filter(t -> t.epochs() == 9 && t.previous() == null).count() >= 3,
                "the last bracket trains configurations for the full budget from scratch");
        assertEquals(9, hb.best().epochs());
        assertEquals(9, search(SearchMethod.RANDOM, new FakeTraining(), dir.resolve("rnd")).trials().size());
    }

    /** Records the batches the search hands over; runs them last first, as a parallel runner may finish them. */
    static class BatchRecorder extends FakeTraining {
        final List<Integer> batches = new ArrayList<>();

        @Override
        public List<TrialResult> runAll(List<Trial> trials, Energy maxEnergyEach,
                java.util.function.BiConsumer<Trial, TrialResult> onResult) throws Exception {
            batches.add(trials.size());
            TrialResult[] out = new TrialResult[trials.size()];
            for (int i = trials.size() - 1; i >= 0; i--) {
                out[i] = run(trials.get(i), maxEnergyEach);
                onResult.accept(trials.get(i), out[i]);
            }
            return List.of(out);
        }
    }

    @Test
    void withoutABudgetEachRungGoesToTheRunnerAtOnceAndTheOutcomeIsTheSame() throws Exception {
        BatchRecorder grid = new BatchRecorder();
        search(SearchMethod.GRID, grid, dir.resolve("g"));
        assertEquals(List.of(27), grid.batches);
        BatchRecorder sh = new BatchRecorder();
        SearchSummary s = search(SearchMethod.SH, sh, dir.resolve("sh"));
        assertEquals(List.of(27, 9, 3), sh.batches, "rungs of 1, 3 and 9 epochs keep a third each");
        SearchSummary sequential = search(SearchMethod.SH, new FakeTraining(), dir.resolve("seq"));
        assertEquals(sequential.best().config(), s.best().config());
        assertEquals(sequential.totalEnergyKwh(), s.totalEnergyKwh(), 1e-12);
        assertEquals(39, Files.readAllLines(dir.resolve("sh").resolve("trials.jsonl")).size());
        BatchRecorder rerun = new BatchRecorder();
        search(SearchMethod.SH, rerun, dir.resolve("sh"));
        assertEquals(List.of(), rerun.batches, "a rerun finds every trial in the journal");
    }

    @Test
    void aKilledSearchResumesWithoutRerunningFinishedTrials() throws Exception {
        Path out = dir.resolve("resume");
        FakeTraining first = new FakeTraining();
        first.failAfter = 20;
        assertThrows(IllegalStateException.class, () -> search(SearchMethod.SH, first, out));
        assertEquals(20, Files.readAllLines(out.resolve("trials.jsonl")).size());

        FakeTraining second = new FakeTraining();
        SearchSummary resumed = search(SearchMethod.SH, second, out);
        assertEquals(39 - 20, second.ran.size(), "only the trials that had not finished run again");
        SearchSummary straight = search(SearchMethod.SH, new FakeTraining(), dir.resolve("straight"));
        assertEquals(straight.best().config(), resumed.best().config());
        assertEquals(straight.totalEnergyKwh(), resumed.totalEnergyKwh(), 1e-12);
    }

    @Test
    void aTornLastLineIsRepairedSoTheNextRecordIsReadAtTheFollowingResume() throws Exception {
        Path out = dir.resolve("torn");
        FakeTraining first = new FakeTraining();
        first.failAfter = 5;
        assertThrows(IllegalStateException.class, () -> search(SearchMethod.GRID, first, out));
        Path file = out.resolve("trials.jsonl");
        String text = Files.readString(file);
        // Killed in the middle of writing the fifth record: half of it, no newline.
        Files.writeString(file, text.substring(0, text.length() - 40));

        FakeTraining second = new FakeTraining();
        second.failAfter = 3;
        assertThrows(IllegalStateException.class, () -> search(SearchMethod.GRID, second, out));
        assertEquals(first.ran.get(4).key(), second.ran.get(0).key(), "the torn trial runs again, once");

        FakeTraining third = new FakeTraining();
        assertEquals(27, search(SearchMethod.GRID, third, out).trials().size());
        for (Trial t : third.ran) {
            assertTrue(second.ran.stream().noneMatch(s -> s.key().equals(t.key())), t.key() + " ran twice");
        }
        assertEquals(27 - 4 - 3, third.ran.size());
        for (String line : Files.readAllLines(file)) {
            assertTrue(line.startsWith("{\"key\"") && line.endsWith("}"), "every line is one record: " + line);
        }
    }

    @Test
    void aLastRecordMissingOnlyItsNewlineIsKept() throws Exception {
        Path out = dir.resolve("newline");
        FakeTraining first = new FakeTraining();
        first.failAfter = 2;
        assertThrows(IllegalStateException.class, () -> search(SearchMethod.GRID, first, out));
        Path file = out.resolve("trials.jsonl");
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() - 1));
        assertEquals(2, TrialJournal.open(out).all().size());
        assertEquals(text, Files.readString(file));
    }

    @Test
    void theEnergyBudgetStopsTheSearch() throws Exception {
        FakeTraining runner = new FakeTraining();
        SearchSummary s = new Search(SPACE, SearchSettings.of(SearchMethod.GRID, 1).withMaxEnergy(Energy.ofKwh(0.05)), runner,
                TrialJournal.open(dir.resolve("budget")), x -> {}).run();
        assertEquals("energy-budget", s.stopReason());
        assertTrue(s.totalEnergyKwh() < 0.05 + 0.009 + 1e-12, "stops before starting past the budget");
        assertEquals(6, runner.ran.size());
    }

    /** A fake whose every batch costs 0.0001 kWh and that stops after the batch that spends its limit. */
    static class BatchedTraining extends FakeTraining {
        static final double BATCH_KWH = 0.0001;
        static final int BATCHES_PER_EPOCH = 10;

        @Override
        public TrialResult run(Trial t, Energy maxEnergy) {
            Double maxKwh = maxEnergy == null ? null : maxEnergy.kwh();
            TrialResult whole = run(t);
            if (maxKwh == null || whole.energyKwh() < maxKwh) {
                return whole;
            }
            long batches = (long) Math.ceil(maxKwh / BATCH_KWH);
            return new TrialResult(t.id(), t.config().values(), (int) (batches / BATCHES_PER_EPOCH),
                    whole.validationAccuracy(), batches * BATCH_KWH, null, TrialResult.ENERGY_BUDGET);
        }
    }

    @Test
    void theBudgetStopsALongTrialInsideItWithinOneBatch() throws Exception {
        SearchSpace huge = new SearchSpace("cnn", "fashion-mnist", 1_000_000, Map.of("lr", List.of(0.001, 0.003),
                "batch", List.of(64L)));
        BatchedTraining runner = new BatchedTraining();
        SearchSummary s = new Search(huge, SearchSettings.of(SearchMethod.GRID, 1).withMaxEnergy(Energy.ofKwh(0.05)), runner,
                TrialJournal.open(dir.resolve("inside")), x -> {}).run();
        assertEquals("energy-budget", s.stopReason());
        assertEquals(1, runner.ran.size(), "the search stops with the trial the budget stopped");
        assertEquals(TrialResult.ENERGY_BUDGET, s.trials().get(0).stopReason());
        assertTrue(s.totalEnergyKwh() >= 0.05 && s.totalEnergyKwh() <= 0.05 + BatchedTraining.BATCH_KWH + 1e-12,
                "within one batch of the budget: " + s.totalEnergyKwh());
        // Resumed, the journal says the budget stopped that trial: the search stops again, running nothing.
        BatchedTraining again = new BatchedTraining();
        SearchSummary resumed = new Search(huge, SearchSettings.of(SearchMethod.GRID, 1).withMaxEnergy(Energy.ofKwh(0.05)), again,
                TrialJournal.open(dir.resolve("inside")), x -> {}).run();
        assertEquals("energy-budget", resumed.stopReason());
        assertEquals(0, again.ran.size());
    }

    @Test
    void theSecondTrialGetsOnlyWhatIsLeftOfTheBudget() throws Exception {
        SearchSpace space = new SearchSpace("cnn", "fashion-mnist", 20, Map.of("lr", List.of(0.001, 0.003, 0.01),
                "batch", List.of(64L)));
        List<Double> limits = new ArrayList<>();
        BatchedTraining runner = new BatchedTraining() {
            @Override
            public TrialResult run(Trial t, Energy maxEnergy) {
                limits.add(maxEnergy.kwh());
                return super.run(t, maxEnergy);
            }
        };
        SearchSummary s = new Search(space, SearchSettings.of(SearchMethod.GRID, 1).withMaxEnergy(Energy.ofKwh(0.03)), runner,
                TrialJournal.open(dir.resolve("left")), x -> {}).run();
        assertEquals(0.03, limits.get(0), 1e-12);
        assertEquals(0.03 - 0.02, limits.get(1), 1e-12, "20 epochs x 0.001 kWh spent by the first");
        assertEquals(2, runner.ran.size());
        assertEquals("energy-budget", s.stopReason());
        assertTrue(s.totalEnergyKwh() <= 0.03 + BatchedTraining.BATCH_KWH + 1e-12, "" + s.totalEnergyKwh());
    }

    @Test
    void aBudgetSmallerThanOneTrialIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Search(SPACE,
                SearchSettings.of(SearchMethod.GRID, 1).withMaxEnergy(Energy.ofKwh(0.001)), new FakeTraining(),
                TrialJournal.open(dir.resolve("tiny")), x -> {}).run());
        assertTrue(e.getMessage().contains("smaller than one trial"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void theSummaryHasTheDocumentedShape() throws Exception {
        SearchSummary s = search(SearchMethod.SH, new FakeTraining(), dir.resolve("shape"));
        Path file = dir.resolve("shape/search.json");
        SearchSummaryWriter.write(file, s, 0.9);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.toFile());
        assertEquals("sh", json.get("method").asText());
        assertEquals(39, json.get("trials").size());
        assertNotNull(json.at("/trials/0/metrics/validation_accuracy").numberValue());
        assertEquals(0.9, json.at("/best/metrics/test_accuracy").asDouble());
        assertEquals(s.totalEnergyKwh(), json.get("total_energy_kwh").asDouble(), 1e-12);
    }
}
