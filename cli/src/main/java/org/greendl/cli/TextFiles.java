package org.greendl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.data.text.TextEncoding;

/** Where an exported model's tokenizer lies, and text data read with it. */
final class TextFiles {
    private TextFiles() {}

    /** {@code MODEL.onnx.tokenizer.json}, beside the ONNX file as its {@code .run.json} is. */
    static Path tokenizerOf(Path onnx) {
        return onnx.resolveSibling(onnx.getFileName() + "." + TextEncoding.FILE);
    }

    /**
     * Text data read with the tokenizer exported beside {@code onnx}; a text spec without one is refused, since a
     * tokenizer trained on the data now would give other ids than the model learnt. Other data as it is.
     */
    static DataRequest withExportedTokenizer(DataRequest request, Path onnx) {
        if (request.spec().scheme() != DataSpec.Scheme.TEXT) {
            return request;
        }
        Path saved = tokenizerOf(onnx);
        if (!Files.isRegularFile(saved)) {
            throw new Cli.UsageFailure(onnx + " has no " + saved.getFileName() + " beside it: text data needs the"
                    + " model's tokenizer (greendl export writes it from the model folder's " + TextEncoding.FILE + ")");
        }
        return request.withOptions(request.options().withText(request.options().text().withSaved(saved)));
    }
}
