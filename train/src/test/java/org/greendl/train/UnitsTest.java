package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.greendl.record.RunRecords;
import org.greendl.record.StopReason;

/** The small pieces: schedules, the smoothed loss, stop reasons, run-record files. */
class UnitsTest {
    @TempDir Path tmp;

    @Test
    void schedulesWarmUpDecayAndParse() {
        LrSchedule cosine = LrSchedule.cosine(10);
        assertEquals(0.1, cosine.at(1, 110, 1.0), 1e-9);
        assertEquals(1.0, cosine.at(10, 110, 1.0), 1e-9);
        assertEquals(1.0, cosine.at(11, 110, 1.0), 1e-9);
        assertEquals(0.5, cosine.at(61, 110, 1.0), 1e-9);
        assertEquals(0.0, cosine.at(111, 110, 1.0), 1e-9);
        LrSchedule step = LrSchedule.step(0, 100, 0.1);
        assertEquals(1.0, step.at(100, 1000, 1.0), 1e-12);
        assertEquals(0.1, step.at(101, 1000, 1.0), 1e-12);
        assertEquals(0.01, step.at(201, 1000, 1.0), 1e-12);
        assertEquals(LrSchedule.step(50, 100, 0.5), LrSchedule.parse("step:100:0.5,warmup:50"));
        assertEquals("cosine,warmup:5", LrSchedule.parse("cosine,warmup:5").toString());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LrSchedule.parse("linear")).getMessage()
                .contains("unknown schedule 'linear'"));
    }

    @Test
    void labelSmoothingMatchesItsFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList logits = new NDList(m.create(new float[] {2f, 0f, 0f, 0f, 1f, 0f}, new Shape(2, 3)));
            NDList labels = new NDList(m.create(new float[] {0f, 1f}));
            double lse = Math.log(Math.exp(2) + 2); // both rows: log(e^2 + e^0 + e^0) and log(e^1 + 2)
            double lse2 = Math.log(Math.E + 2);
            double plain = ((lse - 2) + (lse2 - 1)) / 2;
            assertEquals(plain, new SmoothedCrossEntropyLoss(0).evaluate(labels, logits).getFloat(), 1e-5);
            double eps = 0.3;
            double row1 = (1 - eps) * (lse - 2) + eps / 3 * ((lse - 2) + lse + lse);
            double row2 = (1 - eps) * (lse2 - 1) + eps / 3 * (lse2 + (lse2 - 1) + lse2);
            assertEquals((row1 + row2) / 2, new SmoothedCrossEntropyLoss(eps).evaluate(labels, logits).getFloat(),
                    1e-5);
            NDList soft = new NDList(m.create(new float[] {1f, 0f, 0f, 0f, 1f, 0f}, new Shape(2, 3)));
            assertEquals(plain, new SmoothedCrossEntropyLoss(0).evaluate(soft, logits).getFloat(), 1e-5);
        }
    }

    @Test
    void stopReasonsUseTheRecordSpelling() {
        assertEquals("energy-budget", StopReason.ENERGY_BUDGET.id());
        assertEquals("nan-loss", StopReason.NAN_LOSS.id());
        assertEquals(StopReason.CO2_BUDGET, StopReason.fromId("co2-budget"));
    }

    @Test
    void runRecordFilesFailWithOneLineNamingTheFile() throws IOException {
        Path missing = tmp.resolve("run.json");
        assertEquals(missing + ": no such file (expected a greendl run.json)",
                assertThrows(IOException.class, () -> RunRecords.read(missing)).getMessage());
        Path garbage = Files.writeString(tmp.resolve("garbage.json"), "{not json");
        String m = assertThrows(IOException.class, () -> RunRecords.read(garbage)).getMessage();
        assertTrue(m.startsWith(garbage + ": not a greendl run record"), m);
        Path wrongSchema = Files.writeString(tmp.resolve("v9.json"), "{\"schema\": 9}");
        assertTrue(assertThrows(IOException.class, () -> RunRecords.read(wrongSchema)).getMessage()
                .contains("schema 9 (expected 1)"));
    }

    @Test
    void incompleteCheckpointIsRejected() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ck"));
        Files.writeString(dir.resolve(Checkpoints.STATE), "{}");
        String m = assertThrows(IOException.class, () -> Checkpoints.read(dir)).getMessage();
        assertTrue(m.contains("incomplete checkpoint, params.bin is missing"), m);
    }
}
