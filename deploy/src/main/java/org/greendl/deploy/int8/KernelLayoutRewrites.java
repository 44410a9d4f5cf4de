package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exact rewrites of a QDQ graph that let ONNX Runtime's x86 int8 kernels run it without NCHW/NHWC transposes
 * and without a slow first convolution. ORT runs int8 convolutions channels-last and inserts a Transpose wherever
 * the graph needs channels-first; on uint8 those transposes are slow (an ORT profile of the cnn: 0.18 ms of 4.6 ms
 * per batch of 64 for one 200 KB Transpose), and a convolution with one input channel falls off ORT's VNNI
 * direct-convolution kernel (it needs input channels in multiples of 4) onto an im2col GEMM with a reduction of 9
 * (1.3 ms, 3.4x slower than the float convolution, for 1 % of the MACs).
 *
 * <ul>
 *   <li><b>Flatten channels-last</b>: a quantized 4-D tensor [N, C, H, W] flattened into a quantized Gemm/MatMul
 *       is flattened as [N, H, W, C] instead (a Transpose before the Flatten, which cancels against ORT's own
 *       NHWC-to-NCHW transpose), with the weight's input rows permuted to match.</li>
 *   <li><b>Space-to-depth first convolution</b>: a convolution on a single-channel graph input [N, 1, H, W]
 *       (stride 1, no dilation, "same" width padding, W divisible by 4) reads every 4 adjacent columns as 4
 *       channels of an [N, 4, H, W/4] image (a free Reshape of the channels-last input) and writes 4 output
 *       columns as 4 x M channels (a free Reshape back); its weights become [4M, 4, KH, KW'] with the original
 *       weights placed at the matching offsets and zeros elsewhere. ORT then runs it on its VNNI direct
 *       convolution kernel. It does 4x the MACs of the original layer (the zeros), still much faster.</li>
 * </ul>
 * Both produce bit-identical outputs in any ONNX runtime: only the order of exact integer sums changes.
 */
final class KernelLayoutRewrites {
    static final int BLOCK = 4;

    private KernelLayoutRewrites() {}

    /**
     * Applies both rewrites to {@code g} (its nodes are the emitted QDQ graph). {@code shapes} are the calibrated
     * float tensors' shapes (batch first). Returns a description of each rewrite applied.
     */
    static List<String> apply(Graph g, Map<String, long[]> shapes, Map<String, long[]> inputShapes) {
        List<String> done = new ArrayList<>();
        for (NodeProto flatten : List.copyOf(g.nodes)) {
            if (flatten.getOpType().equals("Flatten") && flattenChannelsLast(g, flatten, shapes)) {
                done.add("flatten-channels-last:" + flatten.getName());
            }
        }
        for (NodeProto conv : List.copyOf(g.nodes)) {
            if (conv.getOpType().equals("Conv") && spaceToDepth(g, conv, inputShapes)) {
                done.add("space-to-depth:" + conv.getName());
            }
        }
        return done;
    }

    // ---------------------------------------------------------------- flatten channels-last

    private static boolean flattenChannelsLast(Graph g, NodeProto flatten, Map<String, long[]> shapes) {
        if (Graph.intAttribute(flatten, "axis", 1) != 1) {
            return false;
        }
        NodeProto dq = only(g, g.producer(flatten.getInput(0)).orElse(null), "DequantizeLinear");
        NodeProto q = dq == null ? null : only(g, g.producer(dq.getInput(0)).orElse(null), "QuantizeLinear");
        if (q == null || g.consumers(dq.getOutput(0)).size() != 1 || g.consumers(q.getOutput(0)).size() != 1) {
            return false;
        }
        String quantizedFrom = q.getInput(0);
        NodeProto source = g.producer(quantizedFrom).orElse(null);
        long[] s = shapes.get(quantizedFrom);
        // Only behind ops ORT runs channels-last in int8; elsewhere the Transpose would be real work.
        if (source == null || !List.of("Conv", "MaxPool", "AveragePool").contains(source.getOpType())
                || s == null || s.length != 4 || s[1] <= 1 || s[2] * s[3] <= 1) {
            return false;
        }
        NodeProto consumer = quantizedConsumer(g, flatten.getOutput(0));
        if (consumer == null) {
            return false;
        }
        NodeProto weightDq = g.producer(consumer.getInput(1)).orElse(null);
        if (weightDq == null || !weightDq.getOpType().equals("DequantizeLinear")
                || !g.isInitializer(weightDq.getInput(0)) || g.consumers(weightDq.getOutput(0)).size() != 1) {
            return false;
        }
        String wName = weightDq.getInput(0);
        TensorProto w = g.initializers.get(wName);
        long[] dims = g.dims(wName);
        int c = (int) s[1];
        int h = (int) s[2];
        int wd = (int) s[3];
        boolean gemm = consumer.getOpType().equals("Gemm");
        int inputAxis = gemm ? 1 : 0;
        if (w.getDataType() != TensorProto.DataType.INT8.getNumber() || dims.length != 2
                || dims[inputAxis] != (long) c * h * wd) {
            return false;
        }
        byte[] old = w.getRawData().toByteArray();
        byte[] permuted = new byte[old.length];
        int rows = (int) dims[0];
        int cols = (int) dims[1];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                int in = gemm ? k : r;          // the flattened input feature of this weight
                int ci = in % c;                // channels-last order: in = (y * W + x) * C + ch
                int yx = in / c;
                int from = ci * h * wd + yx;    // channels-first order: ch * H * W + y * W + x
                int src = gemm ? r * cols + from : from * cols + k;
                permuted[r * cols + k] = old[src];
            }
        }
        g.initializers.put(wName, w.toBuilder().setRawData(ByteString.copyFrom(permuted)).build());
        String transposed = g.fresh(quantizedFrom + "_channels_last");
        NodeProto t = NodeProto.newBuilder().setOpType("Transpose").setName(g.fresh(flatten.getName() + "/ToChannelsLast"))
                .addInput(dq.getOutput(0)).addOutput(transposed).addAttribute(ints("perm", 0, 2, 3, 1)).build();
        List<NodeProto> added = new ArrayList<>(List.of(t));
        String requantized = StaticQuantizer.qdq(g, added, transposed, q.getInput(1), q.getInput(2));
        int at = g.nodes.indexOf(flatten);
        g.nodes.set(at, flatten.toBuilder().setInput(0, requantized).build());
        g.nodes.addAll(at, added);
        return true;
    }

    /** The quantized Gemm (transB=1) or MatMul that reads {@code tensor} through one Q/DQ pair, or null. */
    private static NodeProto quantizedConsumer(Graph g, String tensor) {
        List<NodeProto> cs = g.consumers(tensor);
        if (cs.size() != 1 || !cs.get(0).getOpType().equals("QuantizeLinear")) {
            return null;
        }
        List<NodeProto> dqs = g.consumers(cs.get(0).getOutput(0));
        if (dqs.size() != 1 || !dqs.get(0).getOpType().equals("DequantizeLinear")) {
            return null;
        }
        List<NodeProto> users = g.consumers(dqs.get(0).getOutput(0));
        if (users.size() != 1) {
            return null;
        }
        NodeProto u = users.get(0);
        boolean gemm = u.getOpType().equals("Gemm") && Graph.intAttribute(u, "transB", 0) == 1
                && Graph.intAttribute(u, "transA", 0) == 0;
        boolean matMul = u.getOpType().equals("MatMul");
        return (gemm || matMul) && u.getInput(0).equals(dqs.get(0).getOutput(0)) ? u : null;
    }

    // ---------------------------------------------------------------- space-to-depth first convolution

    /** The nodes around a first convolution that the space-to-depth rewrite replaces. */
    private record SpaceToDepthSite(NodeProto q, NodeProto wDq, NodeProto bDq, NodeProto outQ, NodeProto outDq,
            long[] input, long[] weightDims, long[] pads) {}

    private static boolean spaceToDepth(Graph g, NodeProto conv, Map<String, long[]> inputShapes) {
        SpaceToDepthSite site = spaceToDepthSite(g, conv, inputShapes);
        if (site == null) {
            return false;
        }
        TensorProto wt = g.initializers.get(site.wDq().getInput(0));
        if (wt.getDataType() != TensorProto.DataType.INT8.getNumber()) {
            return false;
        }
        long[] wd = site.weightDims();
        int m = (int) wd[0];
        int kh = (int) wd[2];
        int kw = (int) wd[3];
        int left = (int) site.pads()[1];
        int dMin = Math.floorDiv(-left, BLOCK);
        int dMax = Math.floorDiv(BLOCK - 1 - left + kw - 1, BLOCK);
        int kw2 = dMax - dMin + 1;

        NodeProto wDq = site.wDq();
        byte[] w2 = blockedWeights(wt.getRawData().toByteArray(), m, kh, kw, kw2, dMin, left);
        String w2Name = g.fresh(wDq.getInput(0) + "_space_to_depth");
        g.initializers.put(w2Name, tensor(w2Name, TensorProto.DataType.INT8, w2, BLOCK * m, BLOCK, kh, kw2));
        NodeProto newWDq = wDq.toBuilder().setInput(0, w2Name).setInput(1, tiled(g, wDq.getInput(1), m))
                .setInput(2, tiled(g, wDq.getInput(2), m)).build();
        NodeProto bDq = site.bDq();
        NodeProto newBDq = bDq == null ? null : bDq.toBuilder().setInput(0, tiled(g, bDq.getInput(0), m))
                .setInput(1, tiled(g, bDq.getInput(1), m)).setInput(2, tiled(g, bDq.getInput(2), m)).build();

        // Input: [N,1,H,W] -> Reshape [N,H,W/4,4] -> Transpose [N,4,H,W/4] -> Q -> DQ -> conv.
        NodeProto q = site.q();
        long h = site.input()[2];
        long w = site.input()[3];
        String x = q.getInput(0);
        String shapeIn = longs(g, x + "/space_to_depth_shape", 0, h, w / BLOCK, BLOCK);
        String xr = g.fresh(x + "_blocks");
        String xt = g.fresh(x + "_space_to_depth");
        List<NodeProto> before = List.of(
                NodeProto.newBuilder().setOpType("Reshape").setName(g.fresh(x + "/SpaceToDepthReshape"))
                        .addInput(x).addInput(shapeIn).addOutput(xr).build(),
                NodeProto.newBuilder().setOpType("Transpose").setName(g.fresh(x + "/SpaceToDepthTranspose"))
                        .addInput(xr).addOutput(xt).addAttribute(ints("perm", 0, 3, 1, 2)).build());
        NodeProto newQ = q.toBuilder().setInput(0, xt).build();
        String y2 = g.fresh(conv.getOutput(0) + "_space_to_depth");
        long[] pads = site.pads();
        NodeProto newConv = conv.toBuilder().setInput(1, newWDq.getOutput(0)).setOutput(0, y2)
                .clearAttribute().addAllAttribute(conv.getAttributeList().stream()
                        .filter(a -> !a.getName().equals("pads") && !a.getName().equals("kernel_shape")).toList())
                .addAttribute(ints("kernel_shape", kh, kw2))
                .addAttribute(ints("pads", pads[0], -dMin, pads[2], dMax)).build();
        List<NodeProto> after = depthToSpace(g, conv.getOutput(0), y2, site.outQ(), site.outDq(), h, w, m);

        g.nodes.set(g.nodes.indexOf(q), newQ);
        g.nodes.set(g.nodes.indexOf(wDq), newWDq);
        if (bDq != null) {
            g.nodes.set(g.nodes.indexOf(bDq), newBDq);
        }
        g.nodes.addAll(g.nodes.indexOf(newQ), before);
        int at = g.nodes.indexOf(conv);
        g.nodes.set(at, newConv);
        g.nodes.remove(site.outQ());
        g.nodes.remove(site.outDq());
        g.nodes.addAll(at + 1, after);
        return true;
    }

    /**
     * The Q/DQ-wrapped 1-channel convolution with stride 1 whose input width divides by {@link #BLOCK} and whose
     * output goes through its own Q/DQ pair; null when {@code conv} is not one.
     */
    private static SpaceToDepthSite spaceToDepthSite(Graph g, NodeProto conv, Map<String, long[]> inputShapes) {
        NodeProto dq = only(g, g.producer(conv.getInput(0)).orElse(null), "DequantizeLinear");
        NodeProto q = dq == null ? null : only(g, g.producer(dq.getInput(0)).orElse(null), "QuantizeLinear");
        if (q == null || g.producer(q.getInput(0)).isPresent() || !inputShapes.containsKey(q.getInput(0))
                || g.consumers(q.getInput(0)).size() != 1 || g.consumers(q.getOutput(0)).size() != 1
                || g.consumers(dq.getOutput(0)).size() != 1 || conv.getInputCount() < 2) {
            return null;
        }
        long[] in = inputShapes.get(q.getInput(0));
        if (in.length != 4 || in[1] != 1 || in[2] <= 0 || in[3] <= 0 || in[3] % BLOCK != 0
                || Graph.intAttribute(conv, "group", 1) != 1
                || !allOnes(conv, "strides") || !allOnes(conv, "dilations")
                || !Graph.attribute(conv, "auto_pad").map(a -> a.getS().toStringUtf8()).orElse("NOTSET").equals("NOTSET")) {
            return null;
        }
        NodeProto wDq = g.producer(conv.getInput(1)).orElse(null);
        if (wDq == null || !wDq.getOpType().equals("DequantizeLinear") || !g.isInitializer(wDq.getInput(0))
                || g.consumers(conv.getInput(1)).size() != 1) {
            return null;
        }
        long[] wd = g.dims(wDq.getInput(0));
        long[] pads = Graph.attribute(conv, "pads").map(a -> a.getIntsList().stream().mapToLong(Long::longValue)
                .toArray()).orElse(new long[4]);
        if (wd.length != 4 || wd[1] != 1 || pads.length != 4 || pads[1] + pads[3] != wd[3] - 1) {
            return null;
        }
        // The output must go through its own Q/DQ pair, so the layout change stays inside uint8 tensors.
        List<NodeProto> outQ = g.consumers(conv.getOutput(0));
        if (outQ.size() != 1 || !outQ.get(0).getOpType().equals("QuantizeLinear")) {
            return null;
        }
        List<NodeProto> outDq = g.consumers(outQ.get(0).getOutput(0));
        if (outDq.size() != 1 || !outDq.get(0).getOpType().equals("DequantizeLinear")) {
            return null;
        }
        NodeProto bDq = conv.getInputCount() > 2 ? g.producer(conv.getInput(2)).orElse(null) : null;
        if (conv.getInputCount() > 2 && (bDq == null || !bDq.getOpType().equals("DequantizeLinear")
                || g.consumers(conv.getInput(2)).size() != 1)) {
            return null;
        }
        return new SpaceToDepthSite(q, wDq, bDq, outQ.get(0), outDq.get(0), in, wd, pads);
    }

    /**
     * Weights [M, 1, KH, KW] as [4M, 4, KH, KW']: output channel so*M + o, input channel si, kernel column k2
     * holds w[o, 0, y, j] with j = 4 (k2 + dMin) + si - so + left, where that is a column of the kernel.
     */
    private static byte[] blockedWeights(byte[] w1, int m, int kh, int kw, int kw2, int dMin, int left) {
        byte[] w2 = new byte[BLOCK * m * BLOCK * kh * kw2];
        for (int so = 0; so < BLOCK; so++) {
            for (int o = 0; o < m; o++) {
                for (int si = 0; si < BLOCK; si++) {
                    for (int y = 0; y < kh; y++) {
                        for (int k2 = 0; k2 < kw2; k2++) {
                            int j = BLOCK * (k2 + dMin) + si - so + left;
                            if (j >= 0 && j < kw) {
                                w2[(((so * m + o) * BLOCK + si) * kh + y) * kw2 + k2] = w1[(o * kh + y) * kw + j];
                            }
                        }
                    }
                }
            }
        }
        return w2;
    }

    /**
     * Output: Q -> DQ -> Transpose [N,H,W/4,4M] -> Reshape [N,H,W,M] -> Transpose [N,M,H,W], each on uint8 (a Q/DQ
     * pair with the output's scale after each), ending in the tensor the old DQ {@code odq} produced.
     */
    private static List<NodeProto> depthToSpace(Graph g, String y, String y2, NodeProto oq, NodeProto odq, long h,
            long w, int m) {
        String scale = oq.getInput(1);
        String zp = oq.getInput(2);
        List<NodeProto> after = new ArrayList<>();
        after.add(oq.toBuilder().setInput(0, y2).build());
        String cur = g.fresh(y + "_blocks_dequantized");
        after.add(odq.toBuilder().setOutput(0, cur).build());
        String shapeOut = longs(g, y + "/space_to_depth_shape", 0, h, w, m);
        String t1 = g.fresh(y + "_blocks_channels_last");
        after.add(NodeProto.newBuilder().setOpType("Transpose").setName(g.fresh(y + "/DepthToSpaceTranspose"))
                .addInput(cur).addOutput(t1).addAttribute(ints("perm", 0, 2, 3, 1)).build());
        cur = StaticQuantizer.qdq(g, after, t1, scale, zp);
        String r = g.fresh(y + "_channels_last");
        after.add(NodeProto.newBuilder().setOpType("Reshape").setName(g.fresh(y + "/DepthToSpaceReshape"))
                .addInput(cur).addInput(shapeOut).addOutput(r).build());
        cur = StaticQuantizer.qdq(g, after, r, scale, zp);
        String t2 = g.fresh(y + "_channels_first");
        after.add(NodeProto.newBuilder().setOpType("Transpose").setName(g.fresh(y + "/ToChannelsFirst"))
                .addInput(cur).addOutput(t2).addAttribute(ints("perm", 0, 3, 1, 2)).build());
        String lastQ = g.fresh(t2 + "_quantized");
        after.add(NodeProto.newBuilder().setOpType("QuantizeLinear").setName(g.fresh(t2 + "/QuantizeLinear"))
                .addInput(t2).addInput(scale).addInput(zp).addOutput(lastQ).build());
        after.add(NodeProto.newBuilder().setOpType("DequantizeLinear").setName(g.fresh(t2 + "/DequantizeLinear"))
                .addInput(lastQ).addInput(scale).addInput(zp).addOutput(odq.getOutput(0)).build());
        return after;
    }

    private static boolean allOnes(NodeProto n, String attr) {
        return Graph.attribute(n, attr).map(a -> a.getIntsList().stream().allMatch(v -> v == 1)).orElse(true);
    }

    /** A copy of a 1-D per-channel initializer repeated BLOCK times (scalars are returned as they are). */
    private static String tiled(Graph g, String name, int channels) {
        TensorProto t = g.initializers.get(name);
        if (t.getDimsCount() == 0) {
            return name;
        }
        if (t.getDimsCount() != 1 || t.getDims(0) != channels || t.getRawData().isEmpty()) {
            throw new IllegalStateException("unexpected per-channel tensor " + name);
        }
        byte[] one = t.getRawData().toByteArray();
        byte[] all = new byte[one.length * BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            System.arraycopy(one, 0, all, i * one.length, one.length);
        }
        String tiledName = g.fresh(name + "_space_to_depth");
        g.initializers.put(tiledName, t.toBuilder().setName(tiledName).setDims(0, (long) channels * BLOCK)
                .setRawData(ByteString.copyFrom(all)).build());
        return tiledName;
    }

    private static NodeProto only(Graph g, NodeProto n, String op) {
        return n != null && n.getOpType().equals(op) ? n : null;
    }

    private static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    private static String longs(Graph g, String hint, long... v) {
        String name = g.fresh(hint);
        ByteBuffer b = ByteBuffer.allocate(v.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long x : v) {
            b.putLong(x);
        }
        g.initializers.put(name, tensor(name, TensorProto.DataType.INT64, b.array(), v.length));
        return name;
    }

    private static TensorProto tensor(String name, TensorProto.DataType type, byte[] raw, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type.getNumber())
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
