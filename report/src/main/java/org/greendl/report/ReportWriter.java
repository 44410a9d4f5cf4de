package org.greendl.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.greendl.record.AtomicFiles;

/** Writes {@code report/index.html} for a run folder, atomically, from its records alone. */
public final class ReportWriter {
    private ReportWriter() {}

    /** Renders the records of {@code runDir} into {@code runDir/report/index.html} and returns that path. */
    public static Path write(Path runDir) {
        RunFolder folder = RunFolder.read(runDir);
        Path outDir = runDir.resolve("report");
        Path out = outDir.resolve("index.html");
        try {
            AtomicFiles.writeString(out, HtmlReport.render(folder));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
        return out;
    }
}
