package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ReportCommandTest {
    @TempDir Path dir;

    @Test
    void anEmptyFolderFailsWithOneLineAndExitOne() {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("report", dir.toString());
        assertEquals(1, code);
        String text = err.toString().strip();
        assertTrue(text.startsWith("greendl: ") && text.contains("holds no run records"), text);
        assertEquals(1, text.lines().count(), "no stack trace without --verbose");
    }

    @Test
    void aRunFolderRendersItsReport() throws Exception {
        Files.writeString(dir.resolve("run.json"), "{\"schema\":1,\"id\":\"r\",\"kind\":\"train\","
                + "\"model\":{\"name\":\"cnn\"},\"metrics\":{\"test_accuracy\":0.91}}");
        assertEquals(0, Cli.commandLine().execute("report", dir.toString()));
        String html = Files.readString(dir.resolve("report/index.html"));
        assertTrue(html.contains("91.00 %"));
        assertFalse(html.contains("Quick run"));
    }
}
