package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Brings a model exported by another tool into the form the quantizers rewrite: weights kept in external data
 * files read in, weights PyTorch shares behind {@code Identity} nodes read directly, {@code Constant} nodes made
 * initializers (PyTorch writes a ReLU6's bounds so, and the quantizer fuses a Clip into its convolution only when
 * they are), and initializers that IR 3 models also list as graph inputs dropped from the inputs (else they would
 * look like data to feed).
 */
final class ForeignGraphs {
    private ForeignGraphs() {}

    /** The prepared model and one line per change made. */
    record Prepared(ModelProto model, List<String> notes) {}

    static Prepared prepare(ModelProto m, Path modelDir) {
        List<String> notes = new ArrayList<>();
        GraphProto g = m.getGraph();
        GraphProto.Builder b = g.toBuilder();
        int external = inlineExternalData(b, modelDir);
        if (external > 0) {
            notes.add("read " + external + " initializers from external data files (written inline)");
        }
        int constants = constantsAsInitializers(b);
        if (constants > 0) {
            notes.add("made " + constants + " Constant nodes initializers");
        }
        Set<String> inits = new HashSet<>();
        b.getInitializerList().forEach(t -> inits.add(t.getName()));
        List<ValueInfoProto> inputs = b.getInputList().stream().filter(v -> !inits.contains(v.getName())).toList();
        if (inputs.size() != b.getInputCount()) {
            notes.add("dropped " + (b.getInputCount() - inputs.size()) + " initializers listed as graph inputs");
            b.clearInput().addAllInput(inputs);
        }
        int unnamed = nameNodes(b);
        if (unnamed > 0) {
            notes.add("named " + unnamed + " unnamed nodes (OP_INDEX)");
        }
        int identities = inlineWeightIdentities(b, inits);
        if (identities > 0) {
            notes.add("read " + identities + " shared weights behind Identity nodes directly");
        }
        return new Prepared(m.toBuilder().setGraph(b).build(), notes);
    }

    /** Node names key the quantizer's choices, so every node gets a unique one. */
    private static int nameNodes(GraphProto.Builder b) {
        Set<String> names = new HashSet<>();
        b.getNodeList().forEach(n -> names.add(n.getName()));
        int renamed = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < b.getNodeCount(); i++) {
            NodeProto n = b.getNode(i);
            if (!n.getName().isEmpty() && seen.add(n.getName())) {
                continue;
            }
            String name = n.getOpType() + "_" + i;
            for (int k = 1; names.contains(name); k++) {
                name = n.getOpType() + "_" + i + "_" + k;
            }
            names.add(name);
            seen.add(name);
            b.setNode(i, n.toBuilder().setName(name));
            renamed++;
        }
        return renamed;
    }

    /** A {@code Constant} node holding a tensor becomes the initializer of its output; returns how many went. */
    private static int constantsAsInitializers(GraphProto.Builder b) {
        Set<String> outputs = new HashSet<>();
        b.getOutputList().forEach(v -> outputs.add(v.getName()));
        List<NodeProto> kept = new ArrayList<>();
        List<TensorProto> made = new ArrayList<>();
        for (NodeProto n : b.getNodeList()) {
            AttributeProto value = n.getOpType().equals("Constant") && n.getAttributeCount() == 1
                    && n.getAttribute(0).getName().equals("value") && n.getAttribute(0).hasT()
                    && !outputs.contains(n.getOutput(0)) ? n.getAttribute(0) : null;
            if (value != null && value.getT().getDataLocation() != TensorProto.DataLocation.EXTERNAL) {
                made.add(value.getT().toBuilder().setName(n.getOutput(0)).build());
            } else {
                kept.add(n);
            }
        }
        if (!made.isEmpty()) {
            b.clearNode().addAllNode(kept).addAllInitializer(made);
        }
        return made.size();
    }

    /** Replaces {@code Identity(initializer)} by the initializer wherever it is read; returns how many went. */
    private static int inlineWeightIdentities(GraphProto.Builder b, Set<String> inits) {
        Set<String> outputs = new HashSet<>();
        b.getOutputList().forEach(v -> outputs.add(v.getName()));
        Map<String, String> alias = new HashMap<>();
        List<NodeProto> kept = new ArrayList<>();
        for (NodeProto n : b.getNodeList()) {
            if (n.getOpType().equals("Identity") && inits.contains(n.getInput(0)) && !outputs.contains(n.getOutput(0))) {
                alias.put(n.getOutput(0), n.getInput(0));
            } else {
                kept.add(n);
            }
        }
        if (alias.isEmpty()) {
            return 0;
        }
        b.clearNode();
        for (NodeProto n : kept) {
            NodeProto.Builder nb = n.toBuilder();
            for (int i = 0; i < n.getInputCount(); i++) {
                nb.setInput(i, alias.getOrDefault(n.getInput(i), n.getInput(i)));
            }
            b.addNode(nb);
        }
        return alias.size();
    }

    /**
     * {@code m} with every initializer kept in an external-data file read in, so that it runs from memory (ONNX
     * Runtime resolves external data only for a model it loads from a path).
     */
    static ModelProto withExternalDataInline(ModelProto m, Path modelDir) {
        GraphProto.Builder b = m.getGraph().toBuilder();
        return inlineExternalData(b, modelDir) == 0 ? m : m.toBuilder().setGraph(b).build();
    }

    private static int inlineExternalData(GraphProto.Builder b, Path modelDir) {
        int external = 0;
        for (int i = 0; i < b.getInitializerCount(); i++) {
            TensorProto t = b.getInitializer(i);
            if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
                b.setInitializer(i, readExternal(t, modelDir));
                external++;
            }
        }
        return external;
    }

    private static TensorProto readExternal(TensorProto t, Path modelDir) {
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : t.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = Long.parseLong(e.getValue());
                case "length" -> length = Long.parseLong(e.getValue());
                default -> { }
            }
        }
        if (location == null || modelDir == null) {
            throw new IllegalArgumentException("initializer " + t.getName() + " keeps its data in an external file"
                    + (location == null ? " it does not name" : " and the model was not read from a file"));
        }
        Path file = modelDir.resolve(location).normalize();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long n = length >= 0 ? length : ch.size() - offset;
            if (offset + n > ch.size() || n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("external data file " + file + " is shorter than initializer "
                        + t.getName() + " needs (" + (offset + n) + " bytes)");
            }
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) n);
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) >= 0) {
                // read until full
            }
            buf.flip();
            return t.toBuilder().clearExternalData().setDataLocation(TensorProto.DataLocation.DEFAULT)
                    .setRawData(ByteString.copyFrom(buf)).build();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("external data file of initializer " + t.getName() + " not found: "
                    + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read external data " + file + ": " + e.getMessage(), e);
        }
    }
}
