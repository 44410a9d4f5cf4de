package org.greendl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.greendl.data.spec.DataSpec;
import org.greendl.data.text.TextEncoding;
import org.greendl.data.spec.DataProvenance;
import org.greendl.data.spec.DataRecord;
import org.greendl.data.spec.DataRequest;
import org.greendl.record.RunRecord;
import org.greendl.train.ModelStore;

/**
 * The data a command on a saved model reads: the data in the model's run record, or {@code --data} when given,
 * which must then have the recorded input shape and classes.
 */
final class ModelData {
    private ModelData() {}

    /** The data the model in {@code modelDir} was made with. */
    static DataRecord recorded(Path modelDir, RunRecord record) {
        try {
            return DataRecord.ofModel(record.config());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(modelDir.resolve(ModelStore.RECORD) + ": " + e.getMessage());
        }
    }

    /**
     * {@code --data} if given, else the recorded data, read in batches of {@code batch}; text is tokenized with the
     * tokenizer saved in {@code modelDir} when it has one, whichever data is read.
     */
    static DataRequest request(DataOptions given, DataRecord recorded, Path modelDir, long seed, int batch) {
        DataRequest request = given.givenOrNull(seed, batch);
        if (request == null) {
            return recorded.request(batch, modelDir);
        }
        Path saved = modelDir.resolve(TextEncoding.FILE);
        if (request.spec().scheme() == DataSpec.Scheme.TEXT && Files.isRegularFile(saved)) {
            return request.withOptions(request.options().withText(request.options().text().withSaved(saved)));
        }
        return request;
    }

    /** Refuses data of another shape or classes (exit 1, one line); warns on stderr when only its content differs. */
    static void check(DataRecord recorded, DataProvenance loaded) {
        recorded.check(loaded, warning -> System.err.println("greendl: warning: " + warning));
    }
}
