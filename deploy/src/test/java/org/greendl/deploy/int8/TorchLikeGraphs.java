package org.greendl.deploy.int8;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

/**
 * Small graphs written as {@code torch.onnx.export} writes them: a fixed batch of 1, a weight shared behind
 * {@code Identity} nodes, shape arithmetic on int64 ({@code Shape -> Gather -> Unsqueeze -> Concat -> Reshape}),
 * LayerNormalization (opset 17), Sigmoid and Mul.
 */
final class TorchLikeGraphs {
    private TorchLikeGraphs() {}

    /** x [batch,1,8,8] -> Conv(w) -> Relu -> Conv(Identity(w2)) -> Relu -> Conv(Identity(w2)) -> Sigmoid*x ->
     * Reshape(by computed shape) -> LayerNorm -> Gemm -> logits [batch,10]. */
    static ModelProto cnn(long batch, int opset) {
        Random r = new Random(5);
        GraphProto.Builder g = GraphProto.newBuilder().setName("torch_jit");
        g.addInput(value("x", 1, batch, 1, 8, 8));
        g.addOutput(value("logits", 1, batch, 10));
        g.addInitializer(floats("conv1.weight", r, 0.5f, 4, 1, 3, 3));
        g.addInitializer(floats("conv1.bias", r, 0.1f, 4));
        g.addInitializer(floats("shared.weight", r, 0.3f, 4, 4, 3, 3));
        g.addInitializer(floats("ln.weight", r, 1f, 256));
        g.addInitializer(floats("ln.bias", r, 0.1f, 256));
        g.addInitializer(floats("fc.weight", r, 0.05f, 10, 256));
        g.addInitializer(floats("fc.bias", r, 0.1f, 10));
        g.addInitializer(int64("zero", 0));
        g.addInitializer(int64("minus_one", -1).toBuilder().clearDims().addDims(1).build());
        g.addNode(node("Conv", "/conv1/Conv", "x,conv1.weight,conv1.bias", "c1", pads()));
        g.addNode(node("Relu", "/relu1/Relu", "c1", "r1"));
        g.addNode(node("Identity", "Identity_1", "shared.weight", "onnx::Conv_41"));
        g.addNode(node("Identity", "Identity_2", "shared.weight", "onnx::Conv_42"));
        g.addNode(node("Conv", "/conv2/Conv", "r1,onnx::Conv_41", "c2", pads()));
        g.addNode(node("Relu", "/relu2/Relu", "c2", "r2"));
        g.addNode(node("Conv", "/conv3/Conv", "r2,onnx::Conv_42", "c3", pads()));
        g.addNode(node("Sigmoid", "/gate/Sigmoid", "c3", "s3"));
        g.addNode(node("Mul", "/gate/Mul", "s3,r2", "m3"));
        g.addNode(node("Shape", "/Shape", "m3", "shape"));
        g.addNode(node("Gather", "/Gather", "shape,zero", "n", AttributeProto.newBuilder().setName("axis")
                .setType(AttributeProto.AttributeType.INT).setI(0).build()));
        g.addNode(node("Unsqueeze", "/Unsqueeze", "n,zero_axes", "n1"));
        g.addInitializer(int64("zero_axes", 0).toBuilder().clearDims().addDims(1).build());
        g.addNode(node("Concat", "/Concat", "n1,minus_one", "flat_shape", AttributeProto.newBuilder()
                .setName("axis").setType(AttributeProto.AttributeType.INT).setI(0).build()));
        g.addNode(node("Reshape", "/Reshape", "m3,flat_shape", "flat"));
        g.addNode(node("LayerNormalization", "/ln/LayerNormalization", "flat,ln.weight,ln.bias", "normed",
                AttributeProto.newBuilder().setName("axis").setType(AttributeProto.AttributeType.INT).setI(-1)
                        .build()));
        g.addNode(node("Gemm", "/fc/Gemm", "normed,fc.weight,fc.bias", "logits", AttributeProto.newBuilder()
                .setName("transB").setType(AttributeProto.AttributeType.INT).setI(1).build()));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("pytorch").setProducerVersion("1.13.1")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(g).build();
    }

    /** x [N,1,8,8] -> Conv -> Clip(0, 6) with the bounds in Constant nodes, as torch writes ReLU6 -> Flatten ->
     * Gemm -> logits [N,10]. */
    static ModelProto relu6(int opset) {
        Random r = new Random(6);
        GraphProto.Builder g = GraphProto.newBuilder().setName("torch_jit");
        g.addInput(value("x", 1, -1, 1, 8, 8));
        g.addOutput(value("logits", 1, -1, 10));
        g.addInitializer(floats("conv.weight", r, 0.5f, 4, 1, 3, 3));
        g.addInitializer(floats("conv.bias", r, 0.1f, 4));
        g.addInitializer(floats("fc.weight", r, 0.05f, 10, 256));
        g.addInitializer(floats("fc.bias", r, 0.1f, 10));
        g.addNode(node("Conv", "/conv/Conv", "x,conv.weight,conv.bias", "c", pads()));
        g.addNode(constant("/Constant", "low", 0f));
        g.addNode(constant("/Constant_1", "high", 6f));
        g.addNode(node("Clip", "/relu6/Clip", "c,low,high", "r"));
        g.addNode(node("Flatten", "/Flatten", "r", "flat"));
        g.addNode(node("Gemm", "/fc/Gemm", "flat,fc.weight,fc.bias", "logits", AttributeProto.newBuilder()
                .setName("transB").setType(AttributeProto.AttributeType.INT).setI(1).build()));
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("pytorch").setProducerVersion("1.13.1")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(opset)).setGraph(g).build();
    }

    private static NodeProto constant(String name, String output, float v) {
        TensorProto t = TensorProto.newBuilder().setDataType(1).setRawData(ByteString.copyFrom(
                ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(v).array())).build();
        return NodeProto.newBuilder().setOpType("Constant").setName(name).addOutput(output).addAttribute(
                AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR).setT(t))
                .build();
    }

    static AttributeProto pads() {
        return AttributeProto.newBuilder().setName("pads").setType(AttributeProto.AttributeType.INTS)
                .addInts(1).addInts(1).addInts(1).addInts(1).build();
    }

    static NodeProto node(String op, String name, String inputs, String output, AttributeProto... attributes) {
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(name).addOutput(output);
        for (String i : inputs.split(",")) {
            n.addInput(i);
        }
        for (AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        return n.build();
    }

    /** A tensor value; a dimension of -1 is the symbolic {@code N}. */
    static ValueInfoProto value(String name, int type, long... dims) {
        TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
        for (long d : dims) {
            s.addDim(d < 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(type).setShape(s))).build();
    }

    static TensorProto floats(String name, Random r, float scale, long... dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        ByteBuffer b = ByteBuffer.allocate((int) n * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat((float) r.nextGaussian() * scale);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(1)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    static TensorProto int64(String name, long v) {
        return TensorProto.newBuilder().setName(name).setDataType(7).addInt64Data(v).build();
    }
}
