package org.greendl.deploy.pipeline;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.greendl.record.QatScales;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.train.ModelStore;
import org.greendl.record.RunRecords;
import org.greendl.train.SavedModel;

/**
 * A model to export: its name, block and input shape, the run record it was saved with (one line of JSON, put in
 * the ONNX metadata; null for none) and where its learned int8 scales would be (null for none). {@code close}
 * frees what loading it allocated.
 */
public record ExportSource(String name, Block block, Shape input, String runRecord, Path qatFile, Runnable release)
        implements AutoCloseable {

    /** A model folder written by greendl (train, prune, qat, ...). */
    public static ExportSource saved(Path dir) throws IOException {
        SavedModel saved = ModelStore.load(dir);
        try {
            return of(saved, dir);
        } catch (RuntimeException e) {
            saved.close();
            throw e;
        }
    }

    /**
     * A model already loaded from {@code dir}; its input shape is the one it was trained with, else the zoo's
     * default for its name.
     *
     * @throws IllegalArgumentException when neither tells the input shape
     */
    public static ExportSource of(SavedModel saved, Path dir) throws IOException {
        Block block = saved.block();
        String name = saved.record().model() == null ? dir.getFileName().toString() : saved.record().model().name();
        return new ExportSource(name, block, inputShape(block, name), compact(RunRecords.toJson(saved.record())),
                dir.resolve(QatScales.FILE), saved::close);
    }

    /** A block with no saved record (a zoo model with fresh weights, say); it is initialized when exported. */
    public static ExportSource of(String name, Block block, Shape input) {
        return new ExportSource(name, block, input, null, null, () -> { });
    }

    @Override
    public void close() {
        release.run();
    }

    /** One line of JSON for the model's metadata. */
    private static String compact(String json) throws IOException {
        return new ObjectMapper().readTree(json).toString();
    }

    private static Shape inputShape(Block block, String name) {
        Shape[] shapes = block.getInputShapes();
        if (shapes != null && shapes.length == 1 && shapes[0] != null) {
            return shapes[0];
        }
        if (ModelZoo.names().contains(name)) {
            return ModelZoo.defaultInput(name);
        }
        throw new IllegalArgumentException("cannot tell the input shape of the model in " + name);
    }
}
