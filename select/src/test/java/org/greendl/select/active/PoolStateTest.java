package org.greendl.select.active;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolStateTest {
    @TempDir
    Path dir;

    private static PoolState labelledFirstRound() {
        PoolState s = PoolState.start("margin", 5, new int[] {10, 11, 12, 13, 14, 15});
        s = s.withQuery(new int[] {10, 12});
        return s.withLabels(Map.of(10, 1, 12, 3), 10);
    }

    @Test
    void queriesAndLabelsMoveIdsOutOfThePool() {
        PoolState s = labelledFirstRound();
        assertEquals(0, s.round());
        assertArrayEquals(new int[] {11, 13, 14, 15}, s.unlabelled());
        s = s.withQuery(new int[] {15});
        assertEquals(1, s.round());
        assertTrue(s.hasPending());
        assertArrayEquals(new int[] {11, 13, 14}, s.unlabelled(), "pending ids are not candidates");
        s = s.withLabels(Map.of(15, 9), 10);
        assertEquals(Map.of(10, 1, 12, 3, 15, 9), s.labelMap());
        assertEquals(1, s.labelled().get(2).round());
    }

    @Test
    void badLabelsAreRejectedWithOneLineAndTheStateIsUnchanged() {
        PoolState before = PoolState.start("margin", 5, new int[] {10, 11, 12}).withQuery(new int[] {10, 11});
        IllegalArgumentException unknownId = assertThrows(IllegalArgumentException.class,
                () -> before.withLabels(Map.of(10, 1, 11, 2, 99, 3), 10));
        assertTrue(unknownId.getMessage().startsWith("id 99 was not queried in round 0"), unknownId.getMessage());
        IllegalArgumentException unknownClass = assertThrows(IllegalArgumentException.class,
                () -> before.withLabels(Map.of(10, 1, 11, 12), 10));
        assertEquals("class 12 of id 11 is unknown (expected 0 to 9)", unknownClass.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> before.withLabels(Map.of(10, 1), 10));
        assertEquals("1 of the 2 ids queried in round 0 have no label (first: 11)", missing.getMessage());
        assertArrayEquals(new int[] {10, 11}, before.pending());
        assertTrue(before.labelled().isEmpty());
    }

    @Test
    void queryLargerThanThePoolOrOfTakenIdsIsRefused() {
        PoolState s = labelledFirstRound();
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> s.withQuery(new int[] {11, 13, 14, 15, 16}));
        assertEquals("query of 5 examples is larger than the unlabelled pool (4 left)", tooBig.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.withQuery(new int[] {10}), "already labelled");
        assertThrows(IllegalArgumentException.class, () -> s.withQuery(new int[] {11, 11}), "twice");
        assertThrows(IllegalArgumentException.class, () -> PoolState.start("x", 1, new int[] {1, 1}));
    }

    @Test
    void savesAtomicallyAndLoadsBackEqual() throws Exception {
        PoolState s = labelledFirstRound().withQuery(new int[] {14})
                .withCurvePoint(new CurvePoint(0, 2, 0.5, 1e-4, 1e-5, 3.5)).withPrior(2e-4, 1e-5, 4);
        Path file = dir.resolve(PoolStates.FILE);
        PoolStates.save(file, s);
        PoolState back = PoolStates.load(file);
        assertEquals(s, back);
        assertFalse(back.roundMeasured(), "round 1 is pending, not measured");
        String json = Files.readString(file);
        assertTrue(json.contains("\"prior_energy_kwh\"") && json.contains("\"test_accuracy\""), json);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void loadingGarbageSaysWhichFile() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{not json");
        Exception e = assertThrows(java.io.IOException.class, () -> PoolStates.load(file));
        assertTrue(e.getMessage().startsWith(file + " is not a readable active-learning state"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> PoolStates.load(dir.resolve("missing.json")));
    }

    @org.junit.jupiter.api.Test
    void anEmptyOrNullStateIsOneLineNamingIt() throws Exception {
        for (String content : new String[] {"", "null", "{"}) {
            java.nio.file.Path f = java.nio.file.Files.writeString(dir.resolve("state.json"), content);
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> PoolStates.load(f));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(f.toString())
                    && !e.getMessage().contains("No content to map"), e.getMessage());
            org.junit.jupiter.api.Assertions.assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        }
    }
}
