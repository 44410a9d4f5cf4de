package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The element type of every tensor of a graph, propagated from its inputs and initializers, so that the
 * quantizer leaves alone what PyTorch exports compute on integers (Shape, Gather, Concat of sizes, masks).
 * An op not named here keeps its first input's type, which is right for arithmetic, layout and activations.
 */
final class ElementTypes {
    private static final int FLOAT = TensorProto.DataType.FLOAT.getNumber();
    private static final int INT64 = TensorProto.DataType.INT64.getNumber();
    private static final int BOOL = TensorProto.DataType.BOOL.getNumber();
    private static final Set<String> INT64_OUT = Set.of("Shape", "Size", "NonZero", "ArgMax", "ArgMin");
    private static final Set<String> BOOL_OUT = Set.of("Equal", "Less", "Greater", "LessOrEqual", "GreaterOrEqual",
            "Not", "And", "Or", "Xor", "IsNaN", "IsInf");

    private ElementTypes() {}

    /** Names of the tensors that are not float32. */
    static Set<String> notFloat(GraphProto g) {
        Map<String, Integer> types = new HashMap<>();
        for (ValueInfoProto v : g.getInputList()) {
            types.put(v.getName(), v.getType().hasTensorType() ? v.getType().getTensorType().getElemType() : 0);
        }
        for (TensorProto t : g.getInitializerList()) {
            types.put(t.getName(), t.getDataType());
        }
        for (NodeProto n : g.getNodeList()) {
            int first = n.getInputCount() > 0 ? types.getOrDefault(n.getInput(0), FLOAT) : FLOAT;
            int out = switch (n.getOpType()) {
                case "Cast" -> (int) Graph.intAttribute(n, "to", FLOAT);
                case "Constant" -> constantType(n);
                case "ConstantOfShape" -> Graph.attribute(n, "value").map(a -> a.getT().getDataType()).orElse(FLOAT);
                case "Where" -> n.getInputCount() > 1 ? types.getOrDefault(n.getInput(1), FLOAT) : FLOAT;
                default -> INT64_OUT.contains(n.getOpType()) ? INT64 : BOOL_OUT.contains(n.getOpType()) ? BOOL : first;
            };
            for (int i = 0; i < n.getOutputCount(); i++) {
                // TopK's and MaxPool's second outputs are indices.
                types.put(n.getOutput(i), i == 0 || !Set.of("TopK", "MaxPool").contains(n.getOpType()) ? out
                        : INT64);
            }
        }
        Set<String> notFloat = new HashSet<>();
        types.forEach((name, type) -> {
            if (type != FLOAT) {
                notFloat.add(name);
            }
        });
        return notFloat;
    }

    private static int constantType(NodeProto n) {
        for (AttributeProto a : n.getAttributeList()) {
            switch (a.getName()) {
                case "value" -> { return a.getT().getDataType(); }
                case "value_int", "value_ints" -> { return INT64; }
                case "value_string", "value_strings" -> { return TensorProto.DataType.STRING.getNumber(); }
                default -> { }
            }
        }
        return FLOAT;
    }
}
