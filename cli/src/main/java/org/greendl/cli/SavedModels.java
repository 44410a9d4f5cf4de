package org.greendl.cli;

import java.io.IOException;
import java.nio.file.Path;

/** Loads a saved model folder for export (ModelStore from greendl-train). */
final class SavedModels {
    private SavedModels() {}

    static ExportCommand.Loaded load(Path dir) throws IOException {
        throw new Cli.UsageFailure("exporting a saved model folder needs greendl-train's ModelStore, which this "
                + "build does not have yet; use --zoo NAME");
    }
}
