package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A mutable view of an ONNX graph for rewriting: nodes in order, initializers by name, unique names. */
final class Graph {
    final List<NodeProto> nodes;
    final Map<String, TensorProto> initializers = new LinkedHashMap<>();
    final Set<String> outputs = new HashSet<>();
    private final Set<String> names = new HashSet<>();

    Graph(GraphProto g) {
        nodes = new ArrayList<>(g.getNodeList());
        g.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        g.getOutputList().forEach(v -> outputs.add(v.getName()));
        g.getInputList().forEach(v -> names.add(v.getName()));
        names.addAll(initializers.keySet());
        for (NodeProto n : nodes) {
            names.add(n.getName());
            names.addAll(n.getOutputList());
        }
    }

    String fresh(String hint) {
        String name = hint;
        for (int i = 1; !names.add(name); i++) {
            name = hint + "_" + i;
        }
        return name;
    }

    List<NodeProto> consumers(String tensor) {
        return nodes.stream().filter(n -> n.getInputList().contains(tensor)).toList();
    }

    Optional<NodeProto> producer(String tensor) {
        return nodes.stream().filter(n -> n.getOutputList().contains(tensor)).findFirst();
    }

    boolean isInitializer(String name) {
        return initializers.containsKey(name);
    }

    float[] floats(String name) {
        TensorProto t = initializers.get(name);
        if (t.getDataType() != TensorProto.DataType.FLOAT.getNumber()) {
            throw new IllegalStateException("initializer " + name + " is not float");
        }
        if (!t.getRawData().isEmpty()) {
            ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            float[] a = new float[b.remaining() / 4];
            b.asFloatBuffer().get(a);
            return a;
        }
        float[] a = new float[t.getFloatDataCount()];
        for (int i = 0; i < a.length; i++) {
            a[i] = t.getFloatData(i);
        }
        return a;
    }

    long[] dims(String name) {
        return initializers.get(name).getDimsList().stream().mapToLong(Long::longValue).toArray();
    }

    static Optional<AttributeProto> attribute(NodeProto n, String name) {
        return n.getAttributeList().stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    static long intAttribute(NodeProto n, String name, long fallback) {
        return attribute(n, name).map(AttributeProto::getI).orElse(fallback);
    }

    static float floatAttribute(NodeProto n, String name, float fallback) {
        return attribute(n, name).map(AttributeProto::getF).orElse(fallback);
    }
}
