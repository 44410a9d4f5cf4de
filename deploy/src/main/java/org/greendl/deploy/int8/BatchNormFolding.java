package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Folds inference batch norm into the convolution before it (w' = w * g / sqrt(v + eps),
 * b' = (b - mean) * g / sqrt(v + eps) + beta), so the int8 graph quantizes the weights actually used and ORT
 * sees one Conv per QLinearConv.
 */
final class BatchNormFolding {
    private BatchNormFolding() {}

    /** Folds every foldable pair; returns each folded conv's per-channel factor gamma / sqrt(var + eps). */
    static java.util.Map<String, float[]> fold(Graph g) {
        java.util.Map<String, float[]> factors = new java.util.LinkedHashMap<>();
        for (int i = 0; i < g.nodes.size(); i++) {
            NodeProto bn = g.nodes.get(i);
            if (!bn.getOpType().equals("BatchNormalization") || bn.getOutputCount() != 1) {
                continue;
            }
            String x = bn.getInput(0);
            NodeProto conv = g.producer(x).orElse(null);
            if (conv == null || !conv.getOpType().equals("Conv") || g.consumers(x).size() != 1
                    || !g.isInitializer(conv.getInput(1)) || g.outputs.contains(x)
                    || bn.getInputList().subList(1, 5).stream().anyMatch(n -> !g.isInitializer(n))) {
                continue;
            }
            float[] w = g.floats(conv.getInput(1));
            long[] wd = g.dims(conv.getInput(1));
            int out = (int) wd[0];
            int per = w.length / out;
            float[] b = conv.getInputCount() > 2 ? g.floats(conv.getInput(2)) : new float[out];
            float[] gamma = g.floats(bn.getInput(1));
            float[] beta = g.floats(bn.getInput(2));
            float[] mean = g.floats(bn.getInput(3));
            float[] var = g.floats(bn.getInput(4));
            float eps = Graph.floatAttribute(bn, "epsilon", 1e-5f);
            float[] nw = new float[w.length];
            float[] nb = new float[out];
            float[] factor = new float[out];
            for (int c = 0; c < out; c++) {
                double k = gamma[c] / Math.sqrt(var[c] + eps);
                factor[c] = (float) k;
                for (int j = 0; j < per; j++) {
                    nw[c * per + j] = (float) (w[c * per + j] * k);
                }
                nb[c] = (float) ((b[c] - mean[c]) * k + beta[c]);
            }
            String wName = g.fresh(conv.getInput(1) + "_bnfolded");
            String bName = g.fresh(conv.getName() + "/bias_bnfolded");
            g.initializers.put(wName, floats(wName, nw, wd));
            g.initializers.put(bName, floats(bName, nb, new long[] {out}));
            NodeProto newConv = conv.toBuilder().clearInput().addInput(conv.getInput(0)).addInput(wName)
                    .addInput(bName).clearOutput().addOutput(bn.getOutput(0)).build();
            int ci = g.nodes.indexOf(conv);
            g.nodes.set(ci, newConv);
            g.nodes.remove(i);
            i--;
            factors.put(conv.getName(), factor);
        }
        return factors;
    }

    static TensorProto floats(String name, float[] data, long[] dims) {
        ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            buf.putFloat(f);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name)
                .setDataType(TensorProto.DataType.FLOAT.getNumber()).setRawData(ByteString.copyFrom(buf.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }
}
