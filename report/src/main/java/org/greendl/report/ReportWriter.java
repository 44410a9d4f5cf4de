package org.greendl.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes {@code report/index.html} for a run folder, atomically, from its records alone. */
public final class ReportWriter {
    private ReportWriter() {}

    /** Renders the records of {@code runDir} into {@code runDir/report/index.html} and returns that path. */
    public static Path write(Path runDir) {
        RunFolder folder = RunFolder.read(runDir);
        Path outDir = runDir.resolve("report");
        Path out = outDir.resolve("index.html");
        try {
            Files.createDirectories(outDir);
            Path tmp = outDir.resolve("index.html.tmp"); // not createTempFile: its 0600 mode would stay on the page
            try {
                Files.writeString(tmp, HtmlReport.render(folder), StandardCharsets.UTF_8);
                Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return out;
    }
}
