package org.greendl.deploy.onnx;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A growing ONNX graph: nodes in topological order, initializers, and unique tensor names. Converters add to
 * it; {@link OnnxExporter} wraps it into a model. Thin on purpose: the OnnxMl builders do the real work.
 */
public final class OnnxGraph {
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** A unique tensor or node name derived from {@code hint} (ONNX names must be unique in a graph). */
    public String fresh(String hint) {
        String base = hint.replaceAll("[^A-Za-z0-9_./:-]", "_");
        String name = base;
        for (int i = 1; !names.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /** Adds a node with one output and returns the output's name. */
    public String node(String opType, String nameHint, List<String> inputs, AttributeProto... attributes) {
        return node(opType, nameHint, inputs, 1, attributes).get(0);
    }

    /** Adds a node with {@code outputs} outputs and returns their names. */
    public List<String> node(String opType, String nameHint, List<String> inputs, int outputs,
                             AttributeProto... attributes) {
        String nodeName = fresh(nameHint + "/" + opType);
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(opType).setName(nodeName).addAllInput(inputs);
        List<String> outs = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            String out = fresh(nodeName + (outputs == 1 ? ":0" : ":" + i));
            outs.add(out);
            b.addOutput(out);
        }
        for (AttributeProto a : attributes) {
            b.addAttribute(a);
        }
        nodes.add(b.build());
        return outs;
    }

    /** Adds a prebuilt node (its names must have been reserved with {@link #fresh}). */
    public void add(NodeProto node) {
        nodes.add(node);
    }

    public String floats(String nameHint, float[] data, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            buf.putFloat(f);
        }
        return raw(nameHint, TensorProto.DataType.FLOAT, buf.array(), dims);
    }

    public String int64s(String nameHint, long[] data, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : data) {
            buf.putLong(v);
        }
        return raw(nameHint, TensorProto.DataType.INT64, buf.array(), dims);
    }

    public String int32s(String nameHint, int[] data, long... dims) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : data) {
            buf.putInt(v);
        }
        return raw(nameHint, TensorProto.DataType.INT32, buf.array(), dims);
    }

    /** An int8 ({@code signed}) or uint8 initializer from raw bytes. */
    public String bytes(String nameHint, byte[] data, boolean signed, long... dims) {
        return raw(nameHint, signed ? TensorProto.DataType.INT8 : TensorProto.DataType.UINT8, data, dims);
    }

    private String raw(String nameHint, TensorProto.DataType type, byte[] bytes, long... dims) {
        String name = fresh(nameHint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(bytes));
        for (long d : dims) {
            t.addDims(d);
        }
        initializers.add(t.build());
        return name;
    }

    /**
     * Makes the nodes added since {@code againNodesFrom} read the initializers [{@code firstFrom}, {@code firstTo})
     * instead of the ones added since {@code againFrom}, and drops those, when the two runs are the same tensors in
     * the same order (type, dims and bytes): the second conversion of a block whose weights are shared (ALBERT)
     * then stores nothing new. Returns false, changing nothing, when they differ.
     */
    public boolean shareRepeated(int firstFrom, int firstTo, int againFrom, int againNodesFrom) {
        List<TensorProto> first = initializers.subList(firstFrom, firstTo);
        List<TensorProto> again = initializers.subList(againFrom, initializers.size());
        if (first.size() != again.size()) {
            return false;
        }
        java.util.Map<String, String> rename = new java.util.HashMap<>();
        for (int i = 0; i < first.size(); i++) {
            TensorProto a = first.get(i);
            TensorProto b = again.get(i);
            if (a.getDataType() != b.getDataType() || !a.getDimsList().equals(b.getDimsList())
                    || !a.getRawData().equals(b.getRawData())) {
                return false;
            }
            rename.put(b.getName(), a.getName());
        }
        again.clear();
        for (int j = againNodesFrom; j < nodes.size(); j++) {
            NodeProto n = nodes.get(j);
            NodeProto.Builder b = null;
            for (int k = 0; k < n.getInputCount(); k++) {
                String to = rename.get(n.getInput(k));
                if (to != null) {
                    b = b == null ? n.toBuilder() : b;
                    b.setInput(k, to);
                }
            }
            if (b != null) {
                nodes.set(j, b.build());
            }
        }
        return true;
    }

    public List<NodeProto> nodes() {
        return nodes;
    }

    public List<TensorProto> initializers() {
        return initializers;
    }

    public static AttributeProto attr(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    public static AttributeProto attr(String name, float value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(value).build();
    }

    public static AttributeProto attr(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    public static AttributeProto attrInts(String name, long... values) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }
}
