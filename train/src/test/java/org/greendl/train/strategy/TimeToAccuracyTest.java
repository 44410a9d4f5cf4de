package org.greendl.train.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecord.EnergyInfo;
import org.greendl.record.RunRecord.EpochRecord;
import org.greendl.record.RunRecords;
import org.junit.jupiter.api.Test;

class TimeToAccuracyTest {
    private static EpochRecord epoch(int n, Double validation, double kwh) {
        return new EpochRecord(n, 10, 100, 0.001, 0.5, 0.8, 0.4, validation, 2.0, 1.5, 66,
                new EnergyInfo(kwh, kwh, 0, 0, new RunRecord.Sources("estimate", "none", "estimate")), 0);
    }

    @Test
    void firstEpochReachingTheTargetWithCumulativeCost() {
        List<EpochRecord> epochs = List.of(epoch(1, 0.7, 1e-4), epoch(2, 0.86, 2e-4), epoch(3, 0.91, 3e-4));
        RunRecord.TimeToAccuracy t = RunRecord.TimeToAccuracy.of(epochs, 0.85);
        assertEquals(2, t.epoch());
        assertEquals(4.0, t.wallS(), 1e-12);
        assertEquals(3e-4, t.energyKwh(), 1e-15);
        assertEquals("validation_accuracy", t.basis());
        assertNull(RunRecord.TimeToAccuracy.of(epochs, 0.95));
        assertEquals("train_accuracy", RunRecord.TimeToAccuracy.of(List.of(epoch(1, null, 1e-4)), 0.8).basis());
    }

    @Test
    void trainingRunsRecordIt() throws Exception {
        RunRecord reached = TinyRuns.train(TinyRuns.convNet(), "none", TinyRuns.config(2).optEtaTarget(0.2));
        assertEquals(0.2, reached.timeToAccuracy().target());
        assertTrue(reached.timeToAccuracy().energyKwh() > 0);
        String json = RunRecords.toJson(reached);
        assertTrue(json.contains("\"time_to_accuracy\" : {") && json.contains("\"energy_kwh\""), json);
        assertEquals(reached.timeToAccuracy(), RunRecords.mapper().readValue(json, RunRecord.class).timeToAccuracy());
        RunRecord never = TinyRuns.train(TinyRuns.convNet(), "none", TinyRuns.config(1).optEtaTarget(1.0));
        assertNull(never.timeToAccuracy());
        assertTrue(RunRecords.toJson(never).contains("\"time_to_accuracy\" : null"));
    }
}
