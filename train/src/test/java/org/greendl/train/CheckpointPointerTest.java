package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.greendl.record.RunRecords;

class CheckpointPointerTest {
    @TempDir Path dir;

    private static void checkpoint(Path folder, int epoch) throws IOException {
        Files.createDirectories(folder);
        Files.write(folder.resolve(Checkpoints.PARAMS), new byte[1]);
        Files.write(folder.resolve(Checkpoints.OPTIMIZER), new byte[1]);
        Files.writeString(folder.resolve(Checkpoints.STATE), RunRecords.mapper().writeValueAsString(
                new CheckpointState(CheckpointState.SCHEMA, "r", "now", "mlp", 1, epoch, 10, null, 0, null, 0, 1,
                        List.of())));
    }

    private void pointer(Path run, String path) throws IOException {
        Files.writeString(run.resolve(Checkpoints.POINTER), "{\"schema\": 1, \"epoch\": 2, \"path\": \""
                + path.replace("\\", "\\\\") + "\"}");
    }

    @Test
    void aPointerLeavingTheRunsCheckpointsIsRefused() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        checkpoint(run.resolve("checkpoints").resolve("epoch-0002"), 2);
        pointer(run, "checkpoints/epoch-0002");
        assertEquals(2, Checkpoints.read(run).state().epoch());
        Path elsewhere = dir.resolve("elsewhere");
        checkpoint(elsewhere, 2);
        for (String bad : new String[] {"../elsewhere", "checkpoints/../../elsewhere", elsewhere.toString()}) {
            pointer(run, bad);
            IOException e = assertThrows(IOException.class, () -> Checkpoints.read(run), bad);
            assertTrue(e.getMessage().contains(Checkpoints.POINTER) && e.getMessage().contains("\"path\""),
                    e.getMessage());
            assertEquals(1, e.getMessage().lines().count());
        }
    }

    @Test
    void aNegativeEpochIsRefused() throws IOException {
        Path folder = dir.resolve("epoch-x");
        checkpoint(folder, -6);
        IOException e = assertThrows(IOException.class, () -> Checkpoints.read(folder));
        assertTrue(e.getMessage().contains(Checkpoints.STATE) && e.getMessage().contains("-6"), e.getMessage());
    }

    @Test
    void aNullPointerOrStateIsOneLine() throws IOException {
        Path run = Files.createDirectories(dir.resolve("run-null"));
        Files.writeString(run.resolve(Checkpoints.POINTER), "null");
        IOException e = assertThrows(IOException.class, () -> Checkpoints.read(run));
        assertTrue(e.getMessage().contains(Checkpoints.POINTER), e.getMessage());
        Path folder = dir.resolve("epoch-null");
        checkpoint(folder, 1);
        Files.writeString(folder.resolve(Checkpoints.STATE), "null");
        IOException s = assertThrows(IOException.class, () -> Checkpoints.read(folder));
        assertTrue(s.getMessage().contains(Checkpoints.STATE), s.getMessage());
    }
}
