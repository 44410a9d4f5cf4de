package org.greendl.train.nas;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.greendl.deploy.onnx.ExportOptions;
import org.greendl.deploy.onnx.OnnxExporter;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.nn.spec.ModelSpec;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;

/** A model spec document built with fresh weights, profiled and exported to ONNX (latency needs no training). */
final class Onnx {
    private Onnx() {}

    /** What building a document gives: its profile and the input shape (one example) of every top-level layer. */
    record Built(Profile profile, List<long[]> layerInputs) {}

    /** Exports {@code doc} ({@code input}: one example's shape) to {@code file}; returns its profile. */
    static Built export(ObjectNode doc, Shape input, Path file) {
        return export(ModelSpec.parse(doc.toString()).build(), input, file);
    }

    /** Exports a fresh {@code block} (not yet initialized) for inputs of one example's shape {@code input}. */
    static Built export(Block block, Shape input, Path file) {
        Shape batched = new Shape(1).addAll(input);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, batched);
            Profile profile = Profiler.profile(block, batched);
            ModelProto proto = OnnxExporter.create().export(block, batched, ExportOptions.named("nas"));
            OnnxModels.save(proto, file);
            return new Built(profile, layerInputs(block, batched));
        }
    }

    /** The input shape (one example) of every top-level layer of {@code doc}, without profiling or exporting it. */
    static List<long[]> layerInputs(ObjectNode doc, Shape input) {
        Block block = ModelSpec.parse(doc.toString()).build();
        Shape batched = new Shape(1).addAll(input);
        try (NDManager m = NDManager.newBaseManager()) {
            block.initialize(m, DataType.FLOAT32, batched);
            return layerInputs(block, batched);
        }
    }

    private static List<long[]> layerInputs(Block initialized, Shape batched) {
        List<long[]> inputs = new ArrayList<>();
        Shape s = batched;
        for (Block child : initialized.getChildren().values()) {
            long[] dims = s.getShape();
            inputs.add(java.util.Arrays.copyOfRange(dims, 1, dims.length));
            s = child.getOutputShapes(new Shape[] {s})[0];
        }
        return inputs;
    }
}
