package org.greendl.train.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.greendl.train.LrSchedule;
import org.greendl.record.RunRecord;
import org.greendl.train.TrainingConfig;
import org.junit.jupiter.api.Test;

class StrategiesTest {
    @Test
    void parsesNamesAndSettings() {
        List<Strategy> s = Strategies.parse("freeze, warmup-cosine:0.1,label-smoothing:0.2,grad-accum:3,init-xavier");
        assertEquals("freeze:0.5:1.0,warmup-cosine:0.1,label-smoothing:0.2,grad-accum:3,init-xavier",
                Strategies.describe(s));
        assertEquals(List.of(), Strategies.parse("none"));
        assertEquals("none", Strategies.describe(Strategies.parse("")));
    }

    @Test
    void unknownNamesAndBadSettingsFailInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategies.parse("freeze,turbo"));
        assertTrue(e.getMessage().startsWith("unknown strategy 'turbo' (known: freeze[:START[:LEVEL]], warmup-cosine"),
                e.getMessage());
        assertTrue(e.getMessage().contains("fp16") && !e.getMessage().contains("\n"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Strategies.parse("freeze:2")).getMessage()
                .contains("START must be in [0.0, 0.999]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Strategies.parse("grad-accum:1.5"))
                .getMessage().contains("whole number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Strategies.parse("no-batchnorm:1"))
                .getMessage().contains("too many settings"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Strategies.parse("init-xavier,init-orthogonal"))
                .getMessage().contains("given twice"));
    }

    @Test
    void fp16IsRefusedOnCpuWithTheReason() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> Strategies.parse("fp16"));
        assertTrue(e.getMessage().startsWith("fp16 refused on cpu()") && e.getMessage().contains("bf16 crashes"),
                e.getMessage());
    }

    @Test
    void warmupCosineAndLabelSmoothingSetTheLoopsSettings() {
        TrainingConfig.Builder b = TinyRuns.config(4);
        Strategies.apply(Strategies.parse("warmup-cosine:0.1,label-smoothing:0.15"), TinyRuns.convNet(), b,
                new StrategyContext(4, 50, 1));
        TrainingConfig c = b.build();
        assertEquals(LrSchedule.cosine(20), c.schedule());
        assertEquals(0.15, c.labelSmoothing());
        assertEquals("warmup-cosine:0.1,label-smoothing:0.15", c.toRecordMap().get("strategies"));
        assertEquals(0.01 * 10 / 20, c.schedule().at(10, 200, 0.01), 1e-12);
        assertTrue(c.schedule().at(200, 200, 0.01) < 1e-5);
    }

    @Test
    void warmupCosineAndLabelSmoothingTrain() throws Exception {
        RunRecord r = TinyRuns.train(TinyRuns.convNet(), "warmup-cosine:0.2,label-smoothing:0.1", TinyRuns.config(3));
        assertEquals("completed", r.stopReason());
        assertEquals(0.1, ((Number) r.config().get("label_smoothing")).doubleValue());
        assertEquals("cosine,warmup:6", r.config().get("schedule"));
        assertTrue(r.epochs().get(0).learningRate() > r.epochs().get(2).learningRate());
        assertTrue(r.epochs().get(2).learningRate() < 1e-3, "cosine ends near zero");
        assertTrue(r.metrics().testAccuracy() > 0.3, "accuracy " + r.metrics().testAccuracy());
    }
}
