package org.greendl.deploy.onnx;

import static org.greendl.deploy.onnx.OnnxGraph.attr;
import static org.greendl.deploy.onnx.OnnxGraph.attrInts;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import java.util.List;
import java.util.function.Function;

/**
 * DJL's parameter-free blocks are {@link LambdaBlock}s whose name says what they are ({@code ReLU},
 * {@code maxPool2d}, {@code batchFlatten}, ...). Settings kept in the closure (pool kernel/stride/padding,
 * leaky-ReLU slope) are recovered by probing: the candidate whose output matches the lambda's on a random input
 * is taken, so a mismatch cannot slip through. An anonymous lambda is exported only when it is the identity.
 */
final class LambdaConverter implements BlockConverter {
    static final List<String> SUPPORTED = List.of("ReLU", "ReLU6", "sigmoid", "Tanh", "GELU", "softPlus",
            "softSign", "LeakyReLU", "ELU", "SELU", "Swish", "Mish", "identity", "batchFlatten",
            "maxPool1d/2d/3d", "avgPool1d/2d/3d", "globalMaxPool1d/2d/3d", "globalAvgPool1d/2d/3d");

    @Override
    public boolean accepts(Block block) {
        return block.getClass() == LambdaBlock.class;
    }

    @Override
    public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
        LambdaBlock lambda = (LambdaBlock) block;
        String name = lambda.getName();
        OnnxGraph g = ctx.graph();
        String p = ctx.path();
        String x = inputs.get(0);
        switch (name) {
            case "ReLU":
                return List.of(g.node("Relu", p, inputs));
            case "ReLU6":
                return List.of(g.node("Clip", p, List.of(x, scalar(g, p + "/min", 0f), scalar(g, p + "/max", 6f))));
            case "sigmoid":
                return List.of(g.node("Sigmoid", p, inputs));
            case "Tanh":
                return List.of(g.node("Tanh", p, inputs));
            case "softPlus":
                return List.of(g.node("Softplus", p, inputs));
            case "softSign":
                return List.of(g.node("Softsign", p, inputs));
            case "SELU":
                return List.of(g.node("Selu", p, inputs));
            case "GELU": {
                // Exact (erf) GELU, as PyTorch computes it; ORT fuses this pattern into one Gelu kernel.
                String div = g.node("Div", p, List.of(x, scalar(g, p + "/sqrt2", (float) Math.sqrt(2))));
                String erf = g.node("Erf", p, List.of(div));
                String add = g.node("Add", p, List.of(erf, scalar(g, p + "/one", 1f)));
                String mul = g.node("Mul", p, List.of(x, add));
                return List.of(g.node("Mul", p, List.of(mul, scalar(g, p + "/half", 0.5f))));
            }
            case "Mish": {
                String t = g.node("Tanh", p, List.of(g.node("Softplus", p, inputs)));
                return List.of(g.node("Mul", p, List.of(x, t)));
            }
            case "LeakyReLU": {
                float alpha = -at(lambda, ctx, -1f);
                return List.of(g.node("LeakyRelu", p, inputs, attr("alpha", alpha)));
            }
            case "ELU": {
                float alpha = at(lambda, ctx, -1f) / (float) (Math.exp(-1) - 1);
                return List.of(g.node("Elu", p, inputs, attr("alpha", alpha)));
            }
            case "Swish": {
                float y = at(lambda, ctx, 1f); // y = sigmoid(beta)
                float beta = (float) Math.log(y / (1 - y));
                String bx = g.node("Mul", p, List.of(x, scalar(g, p + "/beta", beta)));
                return List.of(g.node("Mul", p, List.of(x, g.node("Sigmoid", p, List.of(bx)))));
            }
            case "identity":
                return inputs;
            case "batchFlatten":
                return List.of(g.node("Flatten", p, inputs, attr("axis", 1L)));
            default:
                break;
        }
        if (name.matches("(max|avg)Pool[123]d")) {
            return pool(lambda, ctx, inputs, shapes, name.startsWith("max"));
        }
        if (name.matches("global(Max|Avg)Pool[123]d")) {
            String pooled = g.node(name.startsWith("globalMax") ? "GlobalMaxPool" : "GlobalAveragePool", p, inputs);
            Shape out = block.getOutputShapes(shapes)[0];
            return List.of(out.dimension() == 2 ? g.node("Flatten", p, List.of(pooled), attr("axis", 1L)) : pooled);
        }
        if (isIdentity(lambda, ctx, shapes)) {
            return inputs;
        }
        throw new ExportException("cannot export block " + OnnxExporter.describe(block) + " at " + p
                + ": unknown lambda (supported lambda names: " + String.join(", ", SUPPORTED) + ")");
    }

    private static String scalar(OnnxGraph g, String name, float v) {
        return g.floats(name, new float[] {v});
    }

    /** The lambda's output at one scalar point. */
    private static float at(LambdaBlock block, ConversionContext ctx, float v) {
        try (NDManager m = ctx.manager().newSubManager()) {
            return Probe.lambdaOf(block).apply(new NDList(m.create(new float[] {v}))).singletonOrThrow().getFloat(0);
        }
    }

    private static boolean isIdentity(LambdaBlock block, ConversionContext ctx, Shape[] shapes) {
        if (shapes.length != 1) {
            return false;
        }
        try (NDManager m = ctx.manager().newSubManager()) {
            NDArray x = m.randomNormal(shapes[0]);
            NDList y = Probe.lambdaOf(block).apply(new NDList(x));
            return y.size() == 1 && Probe.close(y.singletonOrThrow(), x);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Finds kernel, stride, padding, ceil mode (and count_include_pad) that reproduce the lambda's output. */
    private static List<String> pool(LambdaBlock block, ConversionContext ctx, List<String> inputs, Shape[] shapes,
                                     boolean max) {
        Shape in = shapes[0];
        int dims = in.dimension() - 2;
        Shape probeShape = new Shape(concat(1, in.slice(1).getShape()));
        Shape expectedShape = block.getOutputShapes(new Shape[] {probeShape})[0];
        Function<NDList, NDList> f = Probe.lambdaOf(block);
        try (NDManager m = ctx.manager().newSubManager()) {
            NDArray x = m.randomNormal(probeShape);
            NDArray expected = f.apply(new NDList(x)).singletonOrThrow();
            for (int k = 1; k <= 8; k++) {
                for (int s = 1; s <= 8; s++) {
                    for (int pad = 0; pad <= k / 2; pad++) {
                        for (boolean ceil : new boolean[] {false, true}) {
                            if (!shapeFits(probeShape, expectedShape, dims, k, s, pad, ceil)) {
                                continue;
                            }
                            for (boolean countPad : max ? new boolean[] {false} : new boolean[] {true, false}) {
                                Shape ks = uniform(dims, k);
                                Shape ss = uniform(dims, s);
                                Shape ps = uniform(dims, pad);
                                NDArray candidate;
                                try {
                                    candidate = max ? x.getNDArrayInternal().maxPool(ks, ss, ps, ceil)
                                            : x.getNDArrayInternal().avgPool(ks, ss, ps, ceil, countPad);
                                } catch (RuntimeException e) {
                                    continue;
                                }
                                if (Probe.close(expected, candidate)) {
                                    long[] pads = new long[dims * 2];
                                    java.util.Arrays.fill(pads, pad);
                                    var attrs = new java.util.ArrayList<>(List.of(attrInts("kernel_shape", ks.getShape()),
                                            attrInts("strides", ss.getShape()), attrInts("pads", pads),
                                            attr("ceil_mode", ceil ? 1L : 0L)));
                                    if (!max) {
                                        attrs.add(attr("count_include_pad", countPad ? 1L : 0L));
                                    }
                                    return List.of(ctx.graph().node(max ? "MaxPool" : "AveragePool", ctx.path(),
                                            inputs, attrs.toArray(new ai.onnx.proto.OnnxMl.AttributeProto[0])));
                                }
                            }
                        }
                    }
                }
            }
        }
        throw new ExportException("cannot export block " + OnnxExporter.describe(block) + " at " + ctx.path()
                + ": no square pooling window (kernel <= 8) reproduces it");
    }

    private static boolean shapeFits(Shape in, Shape out, int dims, int k, int s, int p, boolean ceil) {
        if (out.dimension() != in.dimension()) {
            return false;
        }
        for (int d = 0; d < dims; d++) {
            long size = in.get(2 + d) + 2L * p - k;
            if (size < 0) {
                return false;
            }
            long o = (ceil ? (size + s - 1) / s : size / s) + 1;
            if (o != out.get(2 + d) && !(ceil && o - 1 == out.get(2 + d))) {
                return false;
            }
        }
        return true;
    }

    private static Shape uniform(int dims, long v) {
        long[] a = new long[dims];
        java.util.Arrays.fill(a, v);
        return new Shape(a);
    }

    private static long[] concat(long first, long[] rest) {
        long[] a = new long[rest.length + 1];
        a[0] = first;
        System.arraycopy(rest, 0, a, 1, rest.length);
        return a;
    }
}
