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

    /**
     * Writes a copy of {@code file} to {@code copy} with the external-data files its initializers name (relative
     * to the model's folder, as the ONNX format defines them) copied to the same places beside the copy, so the
     * copy loads on its own. Returns the data files copied.
     */
    public static java.util.List<String> copyWithExternalData(Path file, Path copy) {
        java.util.List<String> locations = externalDataLocations(load(file));
        Path from = file.toAbsolutePath().getParent();
        Path to = copy.toAbsolutePath().getParent();
        try {
            AtomicFiles.write(copy, out -> Files.copy(file, out));
            for (String location : locations) {
                Path source = from.resolve(location).normalize();
                Path target = to.resolve(location).normalize();
                if (!source.startsWith(from) || !target.startsWith(to)) {
                    throw new IllegalArgumentException(file + ": external data location '" + location
                            + "' is outside the model's folder");
                }
                if (!Files.isRegularFile(source)) {
                    throw new IllegalArgumentException(file + ": external data file not found: " + source);
                }
                Files.createDirectories(target.getParent());
                AtomicFiles.write(target, out -> Files.copy(source, out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + file + " to " + copy + ": " + e.getMessage(), e);
        }
        return locations;
    }

    /** The external-data files the initializers name, relative to the model's folder, sorted, each once. */
    public static java.util.List<String> externalDataLocations(ModelProto model) {
        java.util.Set<String> locations = new java.util.TreeSet<>();
        for (ai.onnx.proto.OnnxMl.TensorProto t : model.getGraph().getInitializerList()) {
            for (StringStringEntryProto e : t.getExternalDataList()) {
                if (e.getKey().equals("location")) {
                    locations.add(e.getValue());
                }
            }
        }
        return java.util.List.copyOf(locations);
    }

    /** Bytes of the model file plus the external-data files beside it that it names (those that exist). */
    public static long bytesOnDisk(Path file) {
        try {
            long bytes = Files.size(file);
            Path dir = file.toAbsolutePath().getParent();
            for (String location : externalDataLocations(load(file))) {
                Path data = dir.resolve(location).normalize();
                if (Files.isRegularFile(data)) {
                    bytes += Files.size(data);
                }
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A metadata_props value, if present. */
    public static Optional<String> metadata(ModelProto model, String key) {
        return model.getMetadataPropsList().stream().filter(e -> e.getKey().equals(key))
                .map(StringStringEntryProto::getValue).findFirst();
    }
}
