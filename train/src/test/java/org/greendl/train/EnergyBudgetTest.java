package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;
import org.greendl.meter.unit.Power;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With an energy budget of about half a full run's energy, training stops early and says energy-budget. */
class EnergyBudgetTest {
    @TempDir Path tmp;

    private static TrainingConfig.Builder config() {
        // An explicit CPU power makes the estimate proportional to CPU time, so energy is predictable.
        // Process mode: charge this JVM's CPU time only, so other work on a shared machine cannot move the budget.
        TrackerConfig meter = TrackerConfig.builder().optCpuTdp(Power.ofWatts(40)).optCountry("FRA")
                .optTrackingMode(TrackingMode.PROCESS).build();
        return TrainingConfig.builder().setEpochs(3).setBatchSize(32).setLearningRate(0.01).optSeed(3)
                .optModelName("tiny").optTracker(meter);
    }

    private static double trainingWh(RunRecord r) {
        return ((Number) r.config().get("training_energy_kwh")).doubleValue() * 1000;
    }

    @Test
    void stopsWithinABatchOfHalfTheEnergyOfAFullRun() throws Exception {
        RunRecord full = TrainingSession.run(Tiny.model(), Tiny.data(640, 1, 32, true), null, null, config().build());
        assertEquals("completed", full.stopReason());
        double fullWh = trainingWh(full);
        int fullSteps = full.epochs().stream().mapToInt(RunRecord.EpochRecord::steps).sum();
        double perStepWh = fullWh / fullSteps;
        double budget = fullWh / 2;

        Path out = tmp.resolve("budget");
        RunRecord half = TrainingSession.run(Tiny.model(), Tiny.data(640, 1, 32, true), null, null,
                config().optBudgets(Budgets.none().withMaxEnergyWh(budget)).optOutputDir(out).build());
        assertEquals("energy-budget", half.stopReason());
        assertEquals("energy-budget", RunRecords.read(out.resolve("run.json")).stopReason());
        double usedWh = trainingWh(half);
        int steps = half.epochs().stream().mapToInt(RunRecord.EpochRecord::steps).sum();
        assertTrue(usedWh >= budget, usedWh + " Wh < budget " + budget);
        // Within one batch of crossing, with room for the machine's noise: a few steps' worth at most.
        assertTrue(usedWh <= budget + 4 * perStepWh + 0.1 * budget, usedWh + " Wh overshoots " + budget);
        assertTrue(steps < fullSteps, steps + " steps of " + fullSteps);
        assertTrue(half.stopDetail().contains("reached the budget"), half.stopDetail());
    }
}
