package org.greendl.cli;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Path;
import org.greendl.record.QatScales;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.train.ModelStore;
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

    static ExportCommand.Loaded load(Path dir) throws IOException {
        SavedModel saved = open(dir);
        Block block = saved.block();
        String name = saved.record().model() == null ? dir.getFileName().toString() : saved.record().model().name();
        Shape input = inputShape(block, name);
        return new ExportCommand.Loaded(name, block, input, compact(RunRecords.toJson(saved.record())),
                dir.resolve(QatScales.FILE), saved::close);
    }

    /** One line of JSON for the model's metadata. */
    private static String compact(String json) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).toString();
    }

    /** The shape the block was trained with (saved with its parameters), else the zoo's default for its name. */
    private static Shape inputShape(Block block, String name) {
        Shape[] shapes = block.getInputShapes();
        if (shapes != null && shapes.length == 1 && shapes[0] != null) {
            return shapes[0];
        }
        if (ModelZoo.names().contains(name)) {
            return ModelZoo.defaultInput(name);
        }
        throw new Cli.UsageFailure("cannot tell the input shape of the model in " + name);
    }
}
