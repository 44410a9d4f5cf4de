package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Dynamic int8 quantization for linear-heavy models (MLPs, transformer blocks): weights of Gemm/MatMul layers
 * are stored as int8 (symmetric, per output column), activations are quantized to uint8 at run time from each
 * batch's own range, so no calibration data is needed. The graph is ORT's pattern
 * DynamicQuantizeLinear → MatMulInteger → Cast → Mul(x_scale · w_scale) (→ Add bias), which ORT fuses into
 * {@code com.microsoft:DynamicQuantizeMatMul}. Convolutions stay float (use {@link StaticQuantizer} for CNNs).
 */
public final class DynamicQuantizer {
    private DynamicQuantizer() {}

    public record Result(ModelProto model, List<String> quantizedNodes) {}

    public static Result quantize(ModelProto fp32, boolean perChannel, Set<String> keepFloat) {
        Graph g = new Graph(fp32.getGraph());
        List<NodeProto> out = new ArrayList<>();
        List<String> done = new ArrayList<>();
        java.util.Map<String, String[]> weights = new java.util.HashMap<>();
        for (NodeProto n : g.nodes) {
            boolean gemm = n.getOpType().equals("Gemm") && g.isInitializer(n.getInput(1))
                    && Graph.intAttribute(n, "transB", 0) == 1 && Graph.intAttribute(n, "transA", 0) == 0
                    && Graph.floatAttribute(n, "alpha", 1f) == 1f && Graph.floatAttribute(n, "beta", 1f) == 1f
                    && (n.getInputCount() < 3 || g.isInitializer(n.getInput(2)));
            boolean matMul = n.getOpType().equals("MatMul") && g.isInitializer(n.getInput(1))
                    && g.dims(n.getInput(1)).length == 2;
            boolean keep = keepFloat.stream().anyMatch(k -> n.getName().equals(k) || n.getName().startsWith(k + "/"));
            if ((!gemm && !matMul) || keep) {
                out.add(n);
                continue;
            }
            rewrite(g, n, gemm, perChannel, out, weights);
            done.add(n.getName());
        }
        Set<String> used = new HashSet<>();
        out.forEach(n -> used.addAll(n.getInputList()));
        var gb = fp32.getGraph().toBuilder().clearNode().addAllNode(out).clearInitializer();
        g.initializers.values().stream().filter(t -> used.contains(t.getName())).forEach(gb::addInitializer);
        ModelProto m = fp32.toBuilder().setGraph(gb).addMetadataProps(StringStringEntryProto.newBuilder()
                .setKey(StaticQuantizer.METADATA_KEY).setValue(String.format(
                        "{\"format\":\"dynamic\",\"activations\":\"uint8 per batch\",\"weights\":\"int8 symmetric %s\","
                                + "\"quantized_nodes\":%d}", perChannel ? "per-channel" : "per-tensor", done.size())))
                .build();
        return new Result(m, done);
    }

    /**
     * {@code weights}: the int8 weight, zero point and scale already made for a float weight (by name and layout),
     * so a weight several nodes read (an ALBERT layer applied N times) is stored in int8 once.
     */
    private static void rewrite(Graph g, NodeProto n, boolean gemm, boolean perChannel, List<NodeProto> out,
            java.util.Map<String, String[]> weights) {
        String p = n.getName();
        String[] made = weights.computeIfAbsent(n.getInput(1) + (gemm ? "/gemm" : "/matmul"),
                k -> quantizeWeight(g, n, gemm, perChannel));
        String qw = made[0];
        String zw = made[1];
        String sw = made[2];

        String xq = g.fresh(p + "/x_quantized");
        String xs = g.fresh(p + "/x_scale");
        String xz = g.fresh(p + "/x_zero_point");
        out.add(node(g, "DynamicQuantizeLinear", p, List.of(n.getInput(0)), List.of(xq, xs, xz)));
        String acc = g.fresh(p + "/int32");
        out.add(node(g, "MatMulInteger", p, List.of(xq, qw, xz, zw), List.of(acc)));
        String scale = g.fresh(p + "/scale");
        out.add(node(g, "Mul", p, List.of(xs, sw), List.of(scale)));
        String asFloat = g.fresh(p + "/float");
        out.add(node(g, "Cast", p, List.of(acc), List.of(asFloat)).toBuilder()
                .addAttribute(AttributeProto.newBuilder().setName("to").setType(AttributeProto.AttributeType.INT)
                        .setI(TensorProto.DataType.FLOAT.getNumber())).build());
        boolean bias = gemm && n.getInputCount() > 2;
        String y = bias ? g.fresh(p + "/scaled") : n.getOutput(0);
        out.add(node(g, "Mul", p, List.of(asFloat, scale), List.of(y)));
        if (bias) {
            out.add(node(g, "Add", p, List.of(y, n.getInput(2)), List.of(n.getOutput(0))));
        }
    }

    /** The node's weight as int8 (in, out), its zero point and its scales: their initializer names. */
    private static String[] quantizeWeight(Graph g, NodeProto n, boolean gemm, boolean perChannel) {
        String p = n.getName();
        float[] w = g.floats(n.getInput(1));
        long[] dims = g.dims(n.getInput(1));
        // MatMulInteger wants B as (in, out); DJL's Linear (Gemm, transB=1) stores (out, in).
        int in = (int) (gemm ? dims[1] : dims[0]);
        int outs = (int) (gemm ? dims[0] : dims[1]);
        float[] scales = new float[perChannel ? outs : 1];
        for (int o = 0; o < outs; o++) {
            float absMax = 0;
            for (int i = 0; i < in; i++) {
                absMax = Math.max(absMax, Math.abs(gemm ? w[o * in + i] : w[i * outs + o]));
            }
            int s = perChannel ? o : 0;
            scales[s] = Math.max(scales[s], absMax > 0 ? absMax / 127f : 1e-8f);
        }
        byte[] q = new byte[in * outs];
        for (int o = 0; o < outs; o++) {
            float s = scales[perChannel ? o : 0];
            for (int i = 0; i < in; i++) {
                float v = gemm ? w[o * in + i] : w[i * outs + o];
                q[i * outs + o] = (byte) Math.max(-127, Math.min(127, Math.round(v / s)));
            }
        }
        String qw = add(g, p + "/weight_int8", TensorProto.DataType.INT8, q, in, outs);
        String zw = perChannel ? add(g, p + "/weight_zero_point", TensorProto.DataType.INT8, new byte[outs], outs)
                : add(g, p + "/weight_zero_point", TensorProto.DataType.INT8, new byte[1]);
        String sw = g.fresh(p + "/weight_scale");
        g.initializers.put(sw, BatchNormFolding.floats(sw, scales, perChannel ? new long[] {outs} : new long[0]));
        return new String[] {qw, zw, sw};
    }

    private static NodeProto node(Graph g, String op, String prefix, List<String> in, List<String> outs) {
        return NodeProto.newBuilder().setOpType(op).setName(g.fresh(prefix + "/" + op)).addAllInput(in)
                .addAllOutput(outs).build();
    }

    private static String add(Graph g, String hint, TensorProto.DataType type, byte[] raw, long... dims) {
        String name = g.fresh(hint);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        g.initializers.put(name, t.build());
        return name;
    }
}
