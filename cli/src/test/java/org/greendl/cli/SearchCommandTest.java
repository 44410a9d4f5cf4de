package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SearchCommandTest {
    @TempDir Path dir;

    private String run(int expectedCode, String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(expectedCode, cl.execute(args), err.toString());
        return err.toString().strip();
    }

    @Test
    void anEmptySpaceIsAOneLineError() throws Exception {
        Path space = Files.writeString(dir.resolve("space.json"), "{\"model\": \"cnn\", \"params\": {}}");
        String err = run(1, "search", "--space", space.toString(), "--out", dir.resolve("out").toString());
        assertTrue(err.contains("\"params\" is empty"), err);
        assertEquals(1, err.lines().count(), err);
    }

    @Test
    void anUnknownModelOrParameterIsNamed() throws Exception {
        Path space = Files.writeString(dir.resolve("space.json"),
                "{\"model\": \"cnn\", \"params\": {\"momentum\": [0.9]}}");
        String err = run(1, "search", "--space", space.toString(), "--out", dir.resolve("out").toString());
        assertTrue(err.contains("unknown parameter 'momentum'"), err);
        Files.writeString(space, "{\"model\": \"nope\", \"params\": {\"lr\": [0.1]}}");
        err = run(1, "search", "--space", space.toString(), "--out", dir.resolve("out").toString());
        assertTrue(err.contains("nope") && err.contains("cnn"), "the known names are listed: " + err);
    }

    @Test
    void aNonPositiveBudgetOrUnknownMethodIsBadUsage() throws Exception {
        Path space = Files.writeString(dir.resolve("space.json"), "{\"model\": \"mlp\", \"params\": {\"lr\": [0.1]}}");
        String err = run(2, "search", "--space", space.toString(), "--max-energy-wh", "0");
        assertTrue(err.contains("energy budget must be positive"), err);
        err = run(2, "search", "--space", space.toString(), "--method", "bayes");
        assertTrue(err.contains("unknown search method 'bayes'"), err);
        err = run(2, "search", "--space", space.toString(), "--tracking-mode", "gpu");
        assertTrue(err.startsWith("greendl: unknown tracking mode 'gpu'") && err.lines().count() == 1, err);
    }
}
