package org.greendl.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.greendl.deploy.pipeline.ExportSource;
import org.greendl.train.ModelStore;
import org.greendl.record.QatScales;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.record.RunRecords;
import org.greendl.train.SavedModel;

/** Loads a saved model folder (greendl-train's ModelStore) for export. */
final class SavedModels {
    private SavedModels() {}

    /**
     * Opens a model folder the way every command does: a path that is no model folder is a usage error (exit 2),
     * a model folder with a damaged file a failure (exit 1), so evaluate, export and the rest agree.
     */
    static SavedModel open(Path dir) throws IOException {
        try {
            return ModelStore.load(dir);
        } catch (ModelStore.NotAModelFolderException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
    }

    /** A saved model to export; a folder whose model's input shape is unknown is a usage error. */
    static ExportSource load(Path dir) throws IOException {
        SavedModel saved = open(dir);
        try {
            return ExportSource.of(saved, dir);
        } catch (IllegalArgumentException e) {
            saved.close();
            throw new Cli.UsageFailure(e.getMessage());
        }
    }
}
