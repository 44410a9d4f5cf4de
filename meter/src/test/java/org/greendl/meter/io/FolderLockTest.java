package org.greendl.meter.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderLockTest {
    @TempDir Path dir;

    private Process holder(Path folder) throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), folder.toString()))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertEquals("locked", line, "the holder took the lock");
        return p;
    }

    @Test
    void aSecondProcessCannotTakeABusyFolderAndIsToldWhoHoldsIt() throws Exception {
        Path out = dir.resolve("run");
        Process p = holder(out);
        try {
            FolderLock.BusyException e = assertThrows(FolderLock.BusyException.class,
                    () -> FolderLock.acquire(out, "greendl train"));
            String msg = e.getMessage();
            assertTrue(msg.startsWith(out + " is in use by pid " + p.pid()), msg);
            assertTrue(msg.contains("(greendl lock-holder " + out + ")") && msg.contains(" since 20"), msg);
            assertEquals(1, msg.lines().count(), msg);
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStaleLockOfAKilledRunIsTakenOver() throws Exception {
        Path out = dir.resolve("run");
        Process p = holder(out);
        p.destroyForcibly(); // SIGKILL: the lock file stays, the OS lock goes
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(Files.size(out.resolve(FolderLock.FILE)) > 0, "the killed run left its lock file");
        try (FolderLock lock = FolderLock.acquire(out, "greendl train")) {
            assertTrue(lock.tookOverFrom().startsWith("pid " + p.pid()), lock.tookOverFrom());
            assertTrue(Files.readString(lock.file()).contains("pid=" + ProcessHandle.current().pid()));
        }
        try (FolderLock again = FolderLock.acquire(out, "greendl train")) {
            assertNull(again.tookOverFrom(), "a clean release leaves nothing to take over");
        }
    }

    @Test
    void twoHoldersInOneJvmCannotBothHoldIt() throws Exception {
        Path out = dir.resolve("run");
        try (FolderLock first = FolderLock.acquire(out, "greendl search")) {
            FolderLock.BusyException e = assertThrows(FolderLock.BusyException.class,
                    () -> FolderLock.acquire(out, "greendl search"));
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(first.file().toFile().exists());
        }
        // Released: the next run gets it, and the first lock survived the refused attempt until then.
        FolderLock.acquire(out, "greendl search").close();
    }

    @Test
    void theRefusedAttemptDoesNotDropTheHoldersLock() throws Exception {
        Path out = dir.resolve("run");
        try (FolderLock first = FolderLock.acquire(out, "greendl train")) {
            assertThrows(FolderLock.BusyException.class, () -> FolderLock.acquire(out, "greendl train"));
            // Another process must still see the folder as busy.
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), out.toString()))
                    .redirectErrorStream(true).start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue(), text);
            assertTrue(text.contains("is in use by pid " + ProcessHandle.current().pid()), text);
        }
    }

    @Test
    void aFolderTheLockCreatedAndNothingWasWrittenToIsRemovedOnRelease() throws Exception {
        Path out = dir.resolve("never-used");
        FolderLock.acquire(out, "greendl train --epochs -1").close();
        assertTrue(Files.notExists(out), "a failed command leaves no folder");
        Path used = dir.resolve("used");
        try (FolderLock lock = FolderLock.acquire(used, "greendl train")) {
            Files.writeString(used.resolve("run.json"), "{}");
        }
        assertTrue(Files.exists(used.resolve("run.json")));
        Path existing = Files.createDirectories(dir.resolve("existing"));
        FolderLock.acquire(existing, "greendl train").close();
        assertTrue(Files.isDirectory(existing), "a folder the user made stays");
    }
}
