package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The policy every command follows: --help, one-line errors, exit 2 for a bad option value. */
class CommandLinePolicyTest {
    @TempDir Path dir;

    private static ProfileCommandTest.Result run(String... args) {
        return ProfileCommandTest.run(args);
    }

    private static void usageError(ProfileCommandTest.Result r, String text) {
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("greendl: ") && r.err().contains(text), r.err());
        assertTrue(r.err().lines().count() <= 3, "one line and a pointer to --help, not the whole usage: " + r.err());
    }

    @Test
    void aBadMeterSettingFromTheEnvironmentOrTheConfigFileIsABadArgumentToo() {
        assertTrue(Cli.isUsage(new org.greendl.meter.BadSettingException(
                "environment variable GREENDL_CPU_TDP is 'abc': expected a number")), "exit 2, as for --cpu-tdp abc");
    }

    @Test
    void everyCommandTakesHelp() {
        for (String name : Cli.commandLine().getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            CommandLine cl = Cli.commandLine();
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            cl.setOut(new java.io.PrintWriter(out));
            cl.setErr(new java.io.PrintWriter(err));
            assertEquals(0, cl.execute(name, "--help"), name + ": " + err);
            assertTrue(out.toString().contains("Usage: greendl " + name), name + ": " + out + " / " + err);
        }
    }

    @Test
    void aUsageErrorIsOneLineAndWhereToLookNotTheWholeUsage() {
        ProfileCommandTest.Result r = run("train", "--model", "mlp", "--epochs", "abc");
        usageError(r, "--epochs");
        assertTrue(r.err().contains("greendl train --help"), r.err());
        usageError(run("train", "--model", "mlp", "--no-such-option"), "--no-such-option");
    }

    @Test
    void absurdThreadCountsAreRefused() {
        usageError(run("train", "--model", "mlp", "--threads", "100000"), "--threads");
        usageError(run("serve-bench", "m.onnx", "--threads", "100000"), "--threads");
        usageError(run("infer", "m.onnx", "--dataset", "fashion-mnist", "--threads", "100000"), "--threads");
    }

    @Test
    void badNumbersAreRefusedBeforeAnyWork() throws Exception {
        usageError(run("serve-bench", "m.onnx", "--seconds", "NaN"), "--seconds must be a finite number > 0, got NaN");
        usageError(run("active-learn", "--pool", "-5", "--out", dir.resolve("al").toString()), "--pool");
        Path space = Files.writeString(dir.resolve("space.json"),
                "{\"model\": \"mlp\", \"params\": {\"lr\": [0.001]}}");
        usageError(run("search", "--space", space.toString(), "--method", "random", "--samples", "-1", "--out",
                dir.resolve("s").toString()), "samples");
        usageError(run("train", "--model", "mlp", "--lr", "1e308", "--out", dir.resolve("t").toString()),
                "learning rate");
    }

    @Test
    void anUnknownCountryExitsTwoEverywhere() {
        usageError(run("carbon", "XYZ"), "unknown country");
        usageError(run("track", "--country", "XYZ", "--out", dir.toString(), "--", "true"), "unknown country");
        usageError(run("train", "--model", "mlp", "--country", "XYZ", "--out", dir.resolve("t").toString()),
                "unknown country");
    }

    @Test
    void evaluateAndExportAgreeOnABrokenModelFolder() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        for (String f : new String[] {"run.json", "model.json", "model.params"}) {
            Files.writeString(broken.resolve(f), "");
        }
        ProfileCommandTest.Result evaluate = run("evaluate", broken.toString());
        ProfileCommandTest.Result export = run("export", broken.toString(), "--out", dir.resolve("m.onnx").toString());
        assertEquals(evaluate.code(), export.code(), evaluate.err() + " / " + export.err());
        assertEquals(1, evaluate.code(), evaluate.err());
        assertEquals(1, evaluate.err().lines().count(), evaluate.err());
        assertTrue(evaluate.err().contains("run.json"), evaluate.err());
        // A folder without a model's files is a bad argument (2) everywhere, as bench --baseline has it.
        ProfileCommandTest.Result missingE = run("evaluate", dir.resolve("absent").toString());
        ProfileCommandTest.Result missingX = run("export", dir.resolve("absent").toString(), "--out", "x.onnx");
        assertEquals(2, missingE.code(), missingE.err());
        assertEquals(2, missingX.code(), missingX.err());
    }

    @Test
    void aZeroValidationFractionTrains() throws Exception {
        Path out = dir.resolve("nv");
        ProfileCommandTest.Result r = run("train", "--model", "mlp", "--epochs", "1", "--limit", "256", "--batch", "64",
                "--validation-fraction", "0", "--progress", "none", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("run.json")));
    }

    @Test
    void aLongValueInAMessageIsCut() {
        String msg = Messages.oneLine("bad label '" + "x".repeat(1_000_000) + "'\nsecond line");
        assertTrue(msg.length() < Messages.MAX_CHARS + 60, "length " + msg.length());
        assertTrue(msg.contains("more characters"), msg);
    }

    @Test
    void theActiveLearnHintRepeatsTheSettingsThatAResumedRunChecks() {
        CommandLine cl = Cli.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs("active-learn", "--strategy", "entropy", "--seed", "3",
                "--labels", "file", "--warm-start", "--pool", "500", "--out", "runs/x y");
        String hint = ActiveLearnCommand.resumeCommand(parsed.subcommand(), Path.of("runs/x y"),
                Path.of("runs/x y/queries/round-01/queries.csv"));
        assertTrue(hint.startsWith("greendl active-learn "), hint);
        for (String part : new String[] {"--strategy entropy", "--seed 3", "--labels file", "--warm-start",
                "--pool 500", "--out 'runs/x y'", "--import-labels 'runs/x y/queries/round-01/queries.csv'"}) {
            assertTrue(hint.contains(part), part + " in " + hint);
        }
        assertEquals(1, hint.split("--out").length - 1, hint);
    }
}
