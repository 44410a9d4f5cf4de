package org.greendl.deploy.onnx;

import static org.greendl.deploy.onnx.OnnxGraph.attr;
import static org.greendl.deploy.onnx.OnnxGraph.attrInts;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.greendl.profile.DjlBlocks;
import org.greendl.profile.blocks.BlockDescriptor;
import org.greendl.profile.blocks.BlockDescriptorProvider;

/**
 * Converters for DJL's core blocks, the converter part of each core kind's descriptor. Lambda blocks
 * (activations, pooling, flatten, identity) share {@link LambdaConverter}; a lambda of no known kind still
 * reaches it (the "lambda" kind), which names it in its error.
 */
public final class CoreConverters implements BlockDescriptorProvider {
    @Override
    public boolean core() {
        return true;
    }

    @Override
    public List<BlockDescriptor> descriptors() {
        BlockConverter lambda = new LambdaConverter();
        return List.of(converted("sequential", new SequentialConverter()),
                converted("parallel", new ParallelConverter()),
                converted("conv2d", new ConvolutionConverter()),
                converted("linear", new LinearConverter()),
                converted("batchnorm", new BatchNormConverter()),
                converted("layernorm", new LayerNormConverter()),
                converted("dropout", new DropoutConverter()),
                BlockDescriptor.of("activation", b -> DjlBlocks.activation(b).isPresent() && lambda.accepts(b))
                        .with(BlockConverter.class, lambda),
                BlockDescriptor.of("pool", b -> DjlBlocks.pool(b).isPresent() && lambda.accepts(b))
                        .with(BlockConverter.class, lambda),
                BlockDescriptor.of("flatten", b -> DjlBlocks.isFlatten(b) && lambda.accepts(b))
                        .with(BlockConverter.class, lambda),
                BlockDescriptor.of("identity", b -> DjlBlocks.isIdentity(b) && lambda.accepts(b))
                        .with(BlockConverter.class, lambda),
                converted("lambda", lambda));
    }

    /** A descriptor whose kind is what the converter accepts. */
    static BlockDescriptor converted(String kind, BlockConverter converter) {
        return BlockDescriptor.of(kind, converter::accepts).with(BlockConverter.class, converter);
    }

    /** Children one after the other. */
    static final class SequentialConverter implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block.getClass() == SequentialBlock.class;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            List<String> current = inputs;
            Shape[] currentShapes = shapes;
            for (Pair<String, Block> child : block.getChildren()) {
                current = ctx.convertChild(child.getValue(), child.getKey(), current, currentShapes);
                currentShapes = child.getValue().getOutputShapes(currentShapes);
            }
            return current;
        }
    }

    /** Inference drops dropout. */
    static final class DropoutConverter implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof Dropout;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            return inputs;
        }
    }

    /** Conv1d/2d/3d, grouped and depthwise included; DJL's weight layout (out, in/groups, k...) is ONNX's. */
    static final class ConvolutionConverter implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof Convolution;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            Convolution conv = (Convolution) block;
            OnnxGraph g = ctx.graph();
            Shape ws = ctx.parameterShape(block, "weight");
            List<String> in = new ArrayList<>(List.of(inputs.get(0),
                    g.floats(ctx.path() + "/weight", ctx.parameter(block, "weight"), ws.getShape())));
            if (conv.isIncludeBias()) {
                Shape bs = ctx.parameterShape(block, "bias");
                in.add(g.floats(ctx.path() + "/bias", ctx.parameter(block, "bias"), bs.getShape()));
            }
            long[] pad = conv.getPadding().getShape();
            long[] pads = new long[pad.length * 2];
            System.arraycopy(pad, 0, pads, 0, pad.length);
            System.arraycopy(pad, 0, pads, pad.length, pad.length);
            return List.of(g.node("Conv", ctx.path(), in,
                    attrInts("kernel_shape", conv.getKernelShape().getShape()),
                    attrInts("strides", conv.getStride().getShape()),
                    attrInts("dilations", conv.getDilation().getShape()),
                    attrInts("pads", pads),
                    attr("group", (long) conv.getGroups())));
        }
    }

    /** Linear on the last axis: Gemm(transB=1) for 2-D input, MatMul + Add otherwise (e.g. tokens). */
    static final class LinearConverter implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof Linear;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            OnnxGraph g = ctx.graph();
            Shape ws = ctx.parameterShape(block, "weight");
            float[] w = ctx.parameter(block, "weight");
            long out = ws.get(0);
            long in = ws.get(1);
            boolean hasBias = ctx.parameterShape(block, "bias") != null;
            float[] b = hasBias ? ctx.parameter(block, "bias") : new float[(int) out];
            if (shapes[0].dimension() == 2) {
                return List.of(g.node("Gemm", ctx.path(), List.of(inputs.get(0), g.floats(ctx.path() + "/weight", w,
                        out, in), g.floats(ctx.path() + "/bias", b, out)), attr("transB", 1L)));
            }
            float[] wt = new float[w.length];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    wt[(int) (i * out + o)] = w[(int) (o * in + i)];
                }
            }
            String mm = g.node("MatMul", ctx.path(), List.of(inputs.get(0),
                    g.floats(ctx.path() + "/weight_t", wt, in, out)));
            return List.of(g.node("Add", ctx.path(), List.of(mm, g.floats(ctx.path() + "/bias", b, out))));
        }
    }

    /** Inference batch norm over axis 1 with the running statistics. */
    static final class BatchNormConverter implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof BatchNorm;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            int axis = (Integer) Reflect.field(block, BatchNorm.class, "axis");
            int rank = shapes[0].dimension();
            if (axis != 1 && axis != 1 - rank) {
                throw new ExportException("batch norm over axis " + axis + " is not supported (ONNX normalizes axis 1)");
            }
            float eps = (Float) Reflect.field(block, BatchNorm.class, "epsilon");
            long c = shapes[0].get(1);
            OnnxGraph g = ctx.graph();
            String p = ctx.path();
            float[] gamma = ctx.parameterShape(block, "gamma") != null ? ctx.parameter(block, "gamma") : fill(c, 1f);
            float[] beta = ctx.parameterShape(block, "beta") != null ? ctx.parameter(block, "beta") : fill(c, 0f);
            return List.of(g.node("BatchNormalization", p, List.of(inputs.get(0),
                    g.floats(p + "/gamma", gamma, c), g.floats(p + "/beta", beta, c),
                    g.floats(p + "/running_mean", ctx.parameter(block, "runningMean"), c),
                    g.floats(p + "/running_var", ctx.parameter(block, "runningVar"), c)),
                    attr("epsilon", eps)));
        }
    }

    /** Layer norm over trailing axes (ONNX LayerNormalization, opset 17). */
    static final class LayerNormConverter implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof LayerNorm;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            int rank = shapes[0].dimension();
            int[] axes = (int[]) Reflect.field(block, LayerNorm.class, "axis");
            int first = rank;
            for (int a : axes) {
                first = Math.min(first, a < 0 ? a + rank : a);
            }
            if (first + axes.length != rank) {
                throw new ExportException("layer norm over non-trailing axes " + java.util.Arrays.toString(axes)
                        + " is not supported");
            }
            float eps = (Float) Reflect.field(block, LayerNorm.class, "epsilon");
            long[] normShape = new long[axes.length];
            long n = 1;
            for (int i = 0; i < axes.length; i++) {
                normShape[i] = shapes[0].get(first + i);
                n *= normShape[i];
            }
            OnnxGraph g = ctx.graph();
            String p = ctx.path();
            float[] gamma = ctx.parameterShape(block, "gamma") != null ? ctx.parameter(block, "gamma") : fill(n, 1f);
            float[] beta = ctx.parameterShape(block, "beta") != null ? ctx.parameter(block, "beta") : fill(n, 0f);
            return List.of(g.node("LayerNormalization", p, List.of(inputs.get(0),
                    g.floats(p + "/gamma", gamma, normShape), g.floats(p + "/beta", beta, normShape)),
                    attr("axis", (long) first), attr("epsilon", eps)));
        }
    }

    static float[] fill(long n, float v) {
        float[] a = new float[(int) n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
