package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.greendl.meter.io.FolderLock;
import org.greendl.meter.io.LockHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** One advisory lock per output folder: every command that writes a run folder refuses a busy one. */
class RunFolderLockTest {
    @TempDir Path dir;

    private record Run(int code, String err, String stderr) {}

    private static Run run(String... args) {
        StringWriter err = new StringWriter();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            CommandLine cl = Cli.commandLine();
            cl.setErr(new PrintWriter(err));
            code = cl.execute(args);
        } finally {
            System.setErr(old);
        }
        return new Run(code, err.toString().strip(), stderr.toString(StandardCharsets.UTF_8).strip());
    }

    private Process holder(Path folder) throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockHolder.class.getName(), folder.toString(),
                "greendl train --out " + folder))
                .redirectErrorStream(true).start();
        String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        assertEquals("locked", line);
        return p;
    }

    @Test
    void aSecondRunIntoABusyFolderSaysWhoHoldsItAndExitsOne() throws Exception {
        Path out = dir.resolve("run");
        Process p = holder(out);
        try {
            Path space = Files.writeString(dir.resolve("space.json"), "{\"model\": \"mlp\", \"params\": {\"lr\": [0.1]}}");
            List<String[]> commands = List.of(
                    new String[] {"train", "--model", "mlp", "--out", out.toString(), "--epochs", "1"},
                    new String[] {"search", "--space", space.toString(), "--out", out.toString()},
                    new String[] {"bench", "--quick", "--out", out.toString()},
                    new String[] {"prune", dir.resolve("model").toString(), "--out", out.toString()},
                    new String[] {"active-learn", "--out", out.toString()},
                    new String[] {"prune-data", "--out", out.toString()},
                    new String[] {"curriculum", "--out", out.toString()},
                    new String[] {"transfer", "--pretrain-fraction", "0.5", "--out", out.toString()},
                    new String[] {"export", "--zoo", "mlp", "--out", out.toString()});
            for (String[] args : commands) {
                Run r = run(args);
                assertEquals(1, r.code(), args[0] + ": " + r.err());
                assertTrue(r.err().startsWith("greendl: " + out + " is in use by pid " + p.pid() + " on "), r.err());
                assertTrue(r.err().contains("(greendl train --out " + out + ") since 20"), r.err());
                assertEquals(1, r.err().lines().count(), r.err());
            }
            assertEquals(List.of(FolderLock.FILE), List.of(out.toFile().list()), "nothing written into the folder");
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aStaleLockOfAKilledRunIsTakenOverWithOneInfoLine() throws Exception {
        Path out = dir.resolve("run");
        Process p = holder(out);
        p.destroyForcibly(); // SIGKILL: the lock file stays behind
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        Run r = run("search", "--space", dir.resolve("missing.json").toString(), "--out", out.toString());
        assertFalse(r.err().contains("in use"), r.err());
        assertEquals("greendl: " + out + ": taking over the lock left by pid " + p.pid(), r.stderr()
                .substring(0, Math.min(r.stderr().length(), ("greendl: " + out + ": taking over the lock left by pid "
                        + p.pid()).length())), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertEquals(0, Files.size(out.resolve(FolderLock.FILE)), "released at the end of the command");
    }

    @Test
    void twoRunsInOneJvmCannotBothHoldAFolder() throws Exception {
        Path out = dir.resolve("run");
        try (FolderLock held = FolderLock.acquire(out, "greendl search --out " + out)) {
            Run r = run("train", "--model", "mlp", "--out", out.toString(), "--epochs", "1");
            assertEquals(1, r.code());
            assertTrue(r.err().startsWith("greendl: " + out + " is in use by pid " + ProcessHandle.current().pid()),
                    r.err());
        }
        try (FolderLock held = FolderLock.acquire(out, "greendl search --out " + out)) {
            Run help = run("active-learn", "--help", "--out", out.toString());
            assertEquals(0, help.code(), "help takes no lock: " + help.err());
        }
    }

    @Test
    void exportLocksOnlyAnOutThatIsAFolder() throws Exception {
        Path file = dir.resolve("model.onnx");
        try (FolderLock held = FolderLock.acquire(dir, "greendl bench --out " + dir)) {
            Run r = run("export", "--zoo", "nope", "--out", file.toString());
            assertFalse(r.err().contains("in use"), "a file's folder is not locked: " + r.err());
        }
    }
}
