package org.greendl.deploy.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.greendl.record.AtomicFiles;

/** Reading, validating and atomically writing ONNX model files. */
public final class OnnxModels {
    private OnnxModels() {}

    /** Writes {@code model} to {@code file} atomically; a failure leaves no temporary file behind. */
    public static void save(ModelProto model, Path file) {
        try {
            AtomicFiles.write(file, model::writeTo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ONNX model " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads an ONNX model; a missing, truncated or non-ONNX file gives an {@link IllegalArgumentException} with a
     * one-line message naming the file.
     */
    public static ModelProto load(Path file) {
        ModelProto m;
        try (InputStream in = Files.newInputStream(file)) {
            CodedInputStream cis = CodedInputStream.newInstance(in);
            cis.setSizeLimit(Integer.MAX_VALUE);
            m = ModelProto.parseFrom(cis);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such ONNX model file: " + file);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not an ONNX model (truncated or not a protobuf ModelProto): " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (m.getIrVersion() <= 0 || !m.hasGraph() || m.getGraph().getNodeCount() == 0
                || m.getOpsetImportCount() == 0 || m.getGraph().getInputCount() == 0) {
            throw new IllegalArgumentException("not an ONNX model (no IR version, opset or graph): " + file);
        }
        return m;
    }

    /** A metadata_props value, if present. */
    public static Optional<String> metadata(ModelProto model, String key) {
        return model.getMetadataPropsList().stream().filter(e -> e.getKey().equals(key))
                .map(StringStringEntryProto::getValue).findFirst();
    }
}
