package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.unit.Energy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;

/**
 * With an energy budget of about half a full run's energy, training stops early and says energy-budget.
 * The energy comes from a fake RAPL counter that every training batch advances by one joule, so the test
 * checks the budget logic exactly, whatever else the machine is doing.
 */
class EnergyBudgetTest {
    static final long MICROJOULES_PER_BATCH = 1_000_000;
    @TempDir Path tmp;
    Path counter;

    @BeforeEach
    void fakeRapl() throws IOException {
        Path zone = Files.createDirectories(tmp.resolve("powercap/intel-rapl:0"));
        Files.writeString(zone.resolve("name"), "package-0\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), "262143328850\n");
        counter = zone.resolve("energy_uj");
        Files.writeString(counter, "0\n");
    }

    /** Advances the fake counter by one joule per training batch. */
    private final class OneJoulePerBatch extends TrainingListenerAdapter {
        @Override
        public void onTrainingBatch(Trainer trainer, BatchData batchData) {
            try {
                long uj = Long.parseLong(Files.readString(counter).trim()) + MICROJOULES_PER_BATCH;
                Path tmpFile = counter.resolveSibling("energy_uj.tmp");
                Files.writeString(tmpFile, uj + "\n");
                Files.move(tmpFile, counter, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private TrainingConfig.Builder config() {
        TrackerConfig meter = TrackerConfig.builder().optPowercapRoot(tmp.resolve("powercap")).optCountry("FRA")
                .build();
        return TrainingConfig.builder().setEpochs(3).setBatchSize(32).setLearningRate(0.01).optSeed(3)
                .optModelName("tiny").optTracker(meter).optListeners(List.of(new OneJoulePerBatch()));
    }

    private static double cpuWh(RunRecord r) {
        return r.energy().cpuKwh() * 1000;
    }

    @Test
    void stopsWithinABatchOfHalfTheEnergyOfAFullRun() throws Exception {
        RunRecord full = TrainingSession.run(Tiny.model(), Tiny.data(640, 1, 32, true), null, null, config().build());
        assertEquals("completed", full.stopReason());
        assertEquals("rapl", full.energy().sources().cpu());
        int fullSteps = full.epochs().stream().mapToInt(RunRecord.EpochRecord::steps).sum();
        double perStepWh = MICROJOULES_PER_BATCH / 3.6e9;
        assertEquals(fullSteps * perStepWh, cpuWh(full), 1.5 * perStepWh, "one joule per batch was measured");
        double budget = cpuWh(full) / 2;

        Path out = tmp.resolve("budget");
        RunRecord half = TrainingSession.run(Tiny.model(), Tiny.data(640, 1, 32, true), null, null,
                config().optBudgets(Budgets.none().withMaxEnergy(Energy.ofWh(budget))).optOutputDir(out).build());
        assertEquals("energy-budget", half.stopReason());
        assertEquals("energy-budget", RunRecords.read(out.resolve("run.json")).stopReason());
        double usedWh = cpuWh(half);
        int steps = half.epochs().stream().mapToInt(RunRecord.EpochRecord::steps).sum();
        assertTrue(usedWh >= budget - perStepWh, usedWh + " Wh < budget " + budget);
        // Within one batch of crossing (the RAM estimate adds a little beside the counter).
        assertTrue(half.energy().totalKwh() * 1000 <= budget + 2 * perStepWh, usedWh + " Wh overshoots " + budget);
        assertTrue(steps < fullSteps, steps + " steps of " + fullSteps);
        assertTrue(half.stopDetail().contains("reached the budget"), half.stopDetail());
    }
}
