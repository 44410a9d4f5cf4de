package org.greendl.deploy.onnx;

import static org.greendl.deploy.onnx.OnnxGraph.attr;
import static org.greendl.deploy.onnx.OnnxGraph.attrInts;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.onnx.proto.OnnxMl.TensorProto;
import java.util.ArrayList;
import java.util.List;
import org.greendl.nn.AdaptiveAvgPool2d;
import org.greendl.nn.WrapperBlock;
import org.greendl.nn.attention.Attention;
import org.greendl.nn.attention.LinearAttention;
import org.greendl.nn.attention.PatchEmbedding;
import org.greendl.nn.attention.SoftmaxAttention;
import org.greendl.nn.attention.TokenMean;
import org.greendl.nn.bag.BagOfEmbeddings;
import org.greendl.nn.attention.TransformerEncoder;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.embedding.FactorizedEmbedding;
import org.greendl.nn.inverted.InvertedResidual;
import org.greendl.nn.se.SqueezeExcitation;
import org.greendl.nn.sharing.SharedLayers;
import org.greendl.nn.separable.DepthwiseSeparableConv;
import org.greendl.nn.shuffle.ChannelShuffle;
import org.greendl.nn.shuffle.ShuffleConv;
import org.greendl.nn.text.SequenceHead;
import org.greendl.nn.text.TokenEmbedding;
import org.greendl.profile.blocks.BlockDescriptor;
import org.greendl.profile.blocks.BlockDescriptorProvider;

/**
 * Converters for greendl-nn's own blocks: the converter part of each block's descriptor, under the kinds
 * greendl-nn names ({@link org.greendl.nn.NnBlocks}). Each mirrors the block's {@code forwardInternal} in
 * inference mode.
 */
public final class NnConverters implements BlockDescriptorProvider {
    @Override
    public List<BlockDescriptor> descriptors() {
        BlockConverter wrapper = new Wrapper();
        BlockConverter attention = new MultiHead();
        return List.of(
                CoreConverters.converted("inverted-residual", new Inverted()),
                BlockDescriptor.of("depthwise-separable-conv", DepthwiseSeparableConv.class)
                        .with(BlockConverter.class, b -> b instanceof DepthwiseSeparableConv && wrapper.accepts(b),
                                wrapper),
                BlockDescriptor.of("shuffle-conv", ShuffleConv.class)
                        .with(BlockConverter.class, b -> b instanceof ShuffleConv && wrapper.accepts(b), wrapper),
                CoreConverters.converted("wrapper", wrapper),
                CoreConverters.converted("channel-shuffle", new Shuffle()),
                CoreConverters.converted("squeeze-excitation", new SqueezeExcite()),
                CoreConverters.converted("adaptive-avg-pool", new AdaptiveAvgPool()),
                BlockDescriptor.of("softmax-attention", SoftmaxAttention.class).with(BlockConverter.class, attention),
                BlockDescriptor.of("linear-attention", LinearAttention.class).with(BlockConverter.class, attention),
                CoreConverters.converted("transformer-encoder", new Encoder()),
                CoreConverters.converted("patch-embedding", new Patches()),
                CoreConverters.converted("token-mean", new Mean()),
                CoreConverters.converted("bag-of-embeddings", new Bag()),
                CoreConverters.converted("shared-layers", new Shared()),
                CoreConverters.converted("early-exit", new EarlyExit()),
                CoreConverters.converted("factorized-embedding", new Factorized()),
                CoreConverters.converted("token-embedding", new Tokens()),
                CoreConverters.converted("sequence-head", new Head()));
    }

    static Block child(Block parent, String name) {
        Block b = parent.getChildren().get(name);
        if (b == null) {
            // DJL's addChildBlock keys a child by its position and name ("01reduce").
            for (var e : parent.getChildren()) {
                if (e.getKey().matches("\\d+" + java.util.regex.Pattern.quote(name))) {
                    return e.getValue();
                }
            }
        }
        if (b == null) {
            throw new ExportException(parent.getClass().getSimpleName() + " has no child '" + name + "'");
        }
        return b;
    }

    /** {@link AdaptiveAvgPool2d} with a uniform window: AveragePool(kernel = stride = input / output). */
    public static final class AdaptiveAvgPool implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof AdaptiveAvgPool2d;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            long[] k = ((AdaptiveAvgPool2d) block).window(shapes[0]);
            if (k[0] == 1 && k[1] == 1) {
                return inputs;
            }
            return List.of(ctx.graph().node("AveragePool", ctx.path(), inputs, attrInts("kernel_shape", k),
                    attrInts("strides", k), attrInts("pads", 0, 0, 0, 0)));
        }
    }

    /** A {@link WrapperBlock} that does not override forwardInternal is its body (separable, shuffle conv). */
    public static final class Wrapper implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            if (!(block instanceof WrapperBlock) || block instanceof InvertedResidual) {
                return false;
            }
            try {
                block.getClass().getDeclaredMethod("forwardInternal", ParameterStore.class, NDList.class,
                        boolean.class, PairList.class);
                return false;
            } catch (NoSuchMethodException e) {
                return true;
            }
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            return ctx.convertChild(((WrapperBlock) block).body(), "body", inputs, shapes);
        }
    }

    /** Body, plus the input when the block is residual (stride 1, same channels). */
    public static final class Inverted implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof InvertedResidual;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            InvertedResidual ir = (InvertedResidual) block;
            String y = ctx.convertChild(ir.body(), "body", inputs, shapes).get(0);
            return List.of(ir.residual() ? ctx.graph().node("Add", ctx.path(), List.of(y, inputs.get(0))) : y);
        }
    }

    /** x * sigmoid(expand(relu(reduce(mean_hw(x))))). */
    public static final class SqueezeExcite implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof SqueezeExcitation;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            OnnxGraph g = ctx.graph();
            String x = inputs.get(0);
            String s = g.node("ReduceMean", ctx.path(), inputs, attrInts("axes", 2, 3), attr("keepdims", 1L));
            Shape pooled = new Shape(shapes[0].get(0), shapes[0].get(1), 1, 1);
            Block reduce = child(block, "reduce");
            s = ctx.convertChild(reduce, "reduce", List.of(s), new Shape[] {pooled}).get(0);
            s = g.node("Relu", ctx.path(), List.of(s));
            s = ctx.convertChild(child(block, "expand"), "expand", List.of(s),
                    reduce.getOutputShapes(new Shape[] {pooled})).get(0);
            s = g.node("Sigmoid", ctx.path(), List.of(s));
            return List.of(g.node("Mul", ctx.path(), List.of(x, s)));
        }
    }

    /** (N, C, H, W) -> (N, g, C/g, H, W) -> swap groups and channels -> (N, C, H, W). */
    public static final class Shuffle implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof ChannelShuffle;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            OnnxGraph g = ctx.graph();
            long groups = ((ChannelShuffle) block).groups();
            Shape s = shapes[0];
            long c = s.get(1);
            String split = g.node("Reshape", ctx.path(), List.of(inputs.get(0), g.int64s(ctx.path() + "/split",
                    new long[] {0, groups, c / groups, s.get(2), s.get(3)}, 5)));
            String swapped = g.node("Transpose", ctx.path(), List.of(split), attrInts("perm", 0, 2, 1, 3, 4));
            return List.of(g.node("Reshape", ctx.path(), List.of(swapped, g.int64s(ctx.path() + "/merge",
                    new long[] {0, c, s.get(2), s.get(3)}, 4))));
        }
    }

    /**
     * The same layer applied {@code repeats} times; its weights are stored once and read by every application, so
     * the file and the ONNX profile have one layer's parameters, as the DJL model does.
     */
    public static final class Shared implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof SharedLayers;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            OnnxGraph g = ctx.graph();
            List<String> x = inputs;
            Block layer = child(block, "layer");
            int firstFrom = g.initializers().size();
            int firstTo = firstFrom;
            for (int i = 0; i < ((SharedLayers) block).repeats(); i++) {
                int againFrom = g.initializers().size();
                int againNodes = g.nodes().size();
                x = ctx.convertChild(layer, "layer" + i, x, shapes);
                if (i == 0) {
                    firstTo = g.initializers().size();
                } else {
                    g.shareRepeated(firstFrom, firstTo, againFrom, againNodes);
                }
            }
            return x;
        }
    }

    /** Conv projection, (N, E, T) -> (N, T, E), plus learned positions. */
    public static final class Patches implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof PatchEmbedding;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            PatchEmbedding pe = (PatchEmbedding) block;
            OnnxGraph g = ctx.graph();
            String y = ctx.convertChild(pe.projection(), "projection", inputs, shapes).get(0);
            String flat = g.node("Reshape", ctx.path(), List.of(y, g.int64s(ctx.path() + "/shape",
                    new long[] {0, pe.embedDim(), -1}, 3)));
            String tokens = g.node("Transpose", ctx.path(), List.of(flat), attrInts("perm", 0, 2, 1));
            Shape pos = ctx.parameterShape(block, "position");
            return List.of(g.node("Add", ctx.path(), List.of(tokens,
                    g.floats(ctx.path() + "/position", ctx.parameter(block, "position"), pos.getShape()))));
        }
    }

    /** Mean over the token axis. */
    public static final class Mean implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof TokenMean;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            return List.of(ctx.graph().node("ReduceMean", ctx.path(), inputs, attrInts("axes", 1),
                    attr("keepdims", 0L)));
        }
    }

    /**
     * {@link BagOfEmbeddings}: the float ids cast to int64, Gather from the table, the mean over the tokens whose id
     * is not padding (the count at least 1, so a text of padding only gives zeros).
     */
    public static final class Bag implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof BagOfEmbeddings;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            BagOfEmbeddings bag = (BagOfEmbeddings) block;
            OnnxGraph g = ctx.graph();
            String p = ctx.path();
            String ids = g.node("Cast", p, inputs, attr("to", (long) ai.onnx.proto.OnnxMl.TensorProto.DataType.INT64_VALUE));
            String table = g.floats(p + "/table", ctx.parameter(block, "table"), bag.vocabularySize(), bag.dimension());
            String vectors = g.node("Gather", p, List.of(table, ids), attr("axis", 0L));
            String padding = g.node("Equal", p, List.of(ids, g.int64s(p + "/padding", new long[] {BagOfEmbeddings.PADDING})));
            String mask = g.node("Cast", p, List.of(g.node("Not", p, List.of(padding))),
                    attr("to", (long) ai.onnx.proto.OnnxMl.TensorProto.DataType.FLOAT_VALUE));
            String masked = g.node("Mul", p, List.of(vectors, g.node("Unsqueeze", p,
                    List.of(mask, g.int64s(p + "/axis2", new long[] {2}, 1)))));
            String axis1 = g.int64s(p + "/axis1", new long[] {1}, 1);
            String sum = g.node("ReduceSum", p, List.of(masked, axis1), attr("keepdims", 0L));
            String count = g.node("Max", p, List.of(g.node("ReduceSum", p, List.of(mask, axis1), attr("keepdims", 1L)),
                    g.floats(p + "/one", new float[] {1f})));
            return List.of(g.node("Div", p, List.of(sum, count)));
        }
    }

    /** Pre-norm encoder layer: x + attention(norm1(x)), then + mlp(norm2(x)). */
    public static final class Encoder implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof TransformerEncoder;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            TransformerEncoder e = (TransformerEncoder) block;
            OnnxGraph g = ctx.graph();
            String x = inputs.get(0);
            Shape[] tokens = {shapes[0]};
            boolean masked = inputs.size() > 1;
            String h = ctx.convertChild(e.norm1(), "norm1", List.of(x), tokens).get(0);
            List<String> attIn = masked ? List.of(h, inputs.get(1)) : List.of(h);
            x = g.node("Add", ctx.path(), List.of(x, ctx.convertChild(e.attention(), "attention", attIn, shapes).get(0)));
            h = ctx.convertChild(e.norm2(), "norm2", List.of(x), tokens).get(0);
            String y = g.node("Add", ctx.path(), List.of(x, ctx.convertChild(e.mlp(), "mlp", List.of(h), tokens).get(0)));
            return masked ? List.of(y, inputs.get(1)) : List.of(y);
        }
    }

    /**
     * Multi-head attention: qkv projection, softmax or linear mixing per head, output projection. Reshapes copy
     * the batch and token counts from their input (0 in the shape), so the sequence length may be symbolic. A
     * second input is the (N, L) float key mask: softmax adds (mask - 1) * 1e9 to the scores, linear attention
     * multiplies phi(K) by it, as the DJL blocks do.
     */
    public static final class MultiHead implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof SoftmaxAttention || block instanceof LinearAttention;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            Attention a = (Attention) block;
            OnnxGraph g = ctx.graph();
            String p = ctx.path();
            int heads = a.heads();
            int d = a.headDim();
            Shape[] tokens = {shapes[0]};
            String keyMask = inputs.size() > 1 ? inputs.get(1) : null;
            String qkv = ctx.convertChild(a.qkv(), "qkv", List.of(inputs.get(0)), tokens).get(0);
            String split = g.node("Reshape", p, List.of(qkv, g.int64s(p + "/qkv_shape", new long[] {0, 0, 3, heads, d}, 5)));
            String all = g.node("Transpose", p, List.of(split), attrInts("perm", 2, 0, 3, 1, 4));
            List<String> qkvParts = new ArrayList<>();
            for (long i = 0; i < 3; i++) {
                qkvParts.add(g.node("Gather", p, List.of(all, g.int64s(p + "/index" + i, new long[] {i})), attr("axis", 0L)));
            }
            String q = qkvParts.get(0);
            String k = qkvParts.get(1);
            String v = qkvParts.get(2);
            String mixed;
            if (block instanceof SoftmaxAttention) {
                String kt = g.node("Transpose", p, List.of(k), attrInts("perm", 0, 1, 3, 2));
                String scores = g.node("Mul", p, List.of(g.node("MatMul", p, List.of(q, kt)),
                        g.floats(p + "/scale", new float[] {(float) (1.0 / Math.sqrt(d))})));
                if (keyMask != null) {
                    String bias = g.node("Mul", p, List.of(g.node("Sub", p, List.of(keyMask,
                            g.floats(p + "/one", new float[] {1f}))), g.floats(p + "/masked", new float[] {1e9f})));
                    scores = g.node("Add", p, List.of(scores, g.node("Unsqueeze", p, List.of(bias,
                            g.int64s(p + "/mask_axes", new long[] {1, 2}, 2)))));
                }
                mixed = g.node("MatMul", p, List.of(g.node("Softmax", p, List.of(scores), attr("axis", -1L)), v));
            } else {
                String zero = g.floats(p + "/zero", new float[] {0f});
                String fq = featureMap(g, p, q, zero);
                String fk = featureMap(g, p, k, zero);
                if (keyMask != null) {
                    fk = g.node("Mul", p, List.of(fk, g.node("Unsqueeze", p, List.of(keyMask,
                            g.int64s(p + "/mask_axes", new long[] {1, 3}, 2)))));
                }
                String kv = g.node("MatMul", p, List.of(g.node("Transpose", p, List.of(fk), attrInts("perm", 0, 1, 3, 2)), v));
                String ksum = g.node("ReduceSum", p, List.of(fk, g.int64s(p + "/axis2", new long[] {2}, 1)), attr("keepdims", 1L));
                String norm = g.node("Add", p, List.of(g.node("ReduceSum", p, List.of(g.node("Mul", p, List.of(fq, ksum)),
                        g.int64s(p + "/axis3", new long[] {3}, 1)), attr("keepdims", 1L)), g.floats(p + "/eps", new float[] {1e-6f})));
                mixed = g.node("Div", p, List.of(g.node("MatMul", p, List.of(fq, kv)), norm));
            }
            String merged = g.node("Reshape", p, List.of(g.node("Transpose", p, List.of(mixed), attrInts("perm", 0, 2, 1, 3)),
                    g.int64s(p + "/merged_shape", new long[] {0, 0, (long) heads * d}, 3)));
            return ctx.convertChild(a.out(), "out", List.of(merged), tokens);
        }

        /** exp(min(x, 0)) + max(x, 0), i.e. elu(x) + 1. */
        private static String featureMap(OnnxGraph g, String p, String x, String zero) {
            String neg = g.node("Exp", p, List.of(g.node("Min", p, List.of(x, zero))));
            return g.node("Add", p, List.of(neg, g.node("Max", p, List.of(x, zero))));
        }
    }

    /**
     * All stages and heads; output 0 is what DJL's inference forward returns (each sample's first exit whose
     * softmax confidence reaches the threshold, else the final head), then the final head and each early exit
     * (the training order), so a server can choose.
     */
    public static final class EarlyExit implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof EarlyExitNet;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            EarlyExitNet net = (EarlyExitNet) block;
            OnnxGraph g = ctx.graph();
            String p = ctx.path();
            List<String> x = inputs;
            Shape[] s = shapes;
            List<String> heads = new ArrayList<>();
            for (int i = 0; i < net.stages().size(); i++) {
                x = ctx.convertChild(net.stages().get(i), "stage" + i, x, s);
                s = net.stages().get(i).getOutputShapes(s);
                heads.add(ctx.convertChild(net.heads().get(i), "exit" + i, x, s).get(0));
            }
            int last = heads.size() - 1;
            String threshold = g.floats(p + "/threshold", new float[] {net.threshold()});
            String chosen = heads.get(last);
            for (int i = last - 1; i >= 0; i--) {
                String conf = g.node("ReduceMax", p, List.of(g.node("Softmax", p, List.of(heads.get(i)), attr("axis", -1L))),
                        attrInts("axes", -1), attr("keepdims", 1L));
                String confident = g.node("GreaterOrEqual", p, List.of(conf, threshold));
                chosen = g.node("Where", p, List.of(confident, heads.get(i), chosen));
            }
            List<String> outs = new ArrayList<>(List.of(chosen, heads.get(last)));
            outs.addAll(heads.subList(0, last));
            return outs;
        }
    }

    /** Gather rows of the V x E table, then the E -> H projection. Ids: int64, or floats cast to int64. */
    public static final class Factorized implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof FactorizedEmbedding;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            FactorizedEmbedding e = (FactorizedEmbedding) block;
            OnnxGraph g = ctx.graph();
            String table = g.floats(ctx.path() + "/table", ctx.parameter(block, "table"), e.vocabularySize(),
                    e.embeddingSize());
            String looked = g.node("Gather", ctx.path(), List.of(table, Tokens.ids(ctx, inputs.get(0))),
                    attr("axis", 0L));
            return ctx.convertChild(e.projection(), "projection", List.of(looked),
                    new Shape[] {e.lookupShape(shapes[0])});
        }
    }

    /**
     * Token ids (and an int64 attention mask, or ids != 0 without one) to hidden states and a float mask: the
     * table lookup, the class token expanded to the batch and put in front (mask 1), and the learned positions
     * sliced to the sequence length, which may be symbolic.
     */
    public static final class Tokens implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof TokenEmbedding;
        }

        /** int64 ids from an int64 input as it is, or from float ids (DJL's example arrays) by a Cast. */
        static String ids(ConversionContext ctx, String input) {
            if (input.equals(OnnxExporter.TOKEN_IDS)) {
                return input;
            }
            return ctx.graph().node("Cast", ctx.path(), List.of(input), attr("to", (long) TensorProto.DataType.INT64
                    .getNumber()));
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            TokenEmbedding e = (TokenEmbedding) block;
            OnnxGraph g = ctx.graph();
            String p = ctx.path();
            long h = e.hiddenSize();
            String x;
            if (e.factorized() != null) {
                x = ctx.convertChild(e.factorized(), "factorized", List.of(inputs.get(0)), new Shape[] {shapes[0]})
                        .get(0);
            } else {
                String table = g.floats(p + "/table", ctx.parameter(block, "table"), e.vocabularySize(), h);
                x = g.node("Gather", p, List.of(table, ids(ctx, inputs.get(0))), attr("axis", 0L));
            }
            long floatType = TensorProto.DataType.FLOAT.getNumber();
            String mask = inputs.size() > 1 ? g.node("Cast", p, List.of(inputs.get(1)), attr("to", floatType))
                    : g.node("Cast", p, List.of(g.node("Not", p, List.of(g.node("Equal", p, List.of(ids(ctx,
                            inputs.get(0)), g.int64s(p + "/padding", new long[] {0})))))), attr("to", floatType));
            if (e.classToken()) {
                String batch = g.node("Gather", p, List.of(g.node("Shape", p, List.of(inputs.get(0))),
                        g.int64s(p + "/batch_axis", new long[] {0}, 1)), attr("axis", 0L));
                String clsShape = g.node("Concat", p, List.of(batch, g.int64s(p + "/cls_rest", new long[] {1, h}, 2)),
                        attr("axis", 0L));
                String cls = g.node("Expand", p, List.of(g.floats(p + "/cls", ctx.parameter(block, "cls"), 1, 1, h),
                        clsShape));
                x = g.node("Concat", p, List.of(cls, x), attr("axis", 1L));
                String onesShape = g.node("Concat", p, List.of(batch, g.int64s(p + "/one_token", new long[] {1}, 1)),
                        attr("axis", 0L));
                String ones = g.node("Expand", p, List.of(g.floats(p + "/cls_mask", new float[] {1f}, 1, 1), onesShape));
                mask = g.node("Concat", p, List.of(ones, mask), attr("axis", 1L));
            }
            Shape pos = ctx.parameterShape(block, "position");
            String length = g.node("Gather", p, List.of(g.node("Shape", p, List.of(x)),
                    g.int64s(p + "/token_axis", new long[] {1}, 1)), attr("axis", 0L));
            String positions = g.node("Slice", p, List.of(g.floats(p + "/position", ctx.parameter(block, "position"),
                    pos.getShape()), g.int64s(p + "/start", new long[] {0}, 1), length,
                    g.int64s(p + "/axis1", new long[] {1}, 1)));
            return List.of(g.node("Add", p, List.of(x, positions)), mask);
        }
    }

    /**
     * Layer norm, then the mean over unmasked tokens (sum of h * mask over the count, at least 1) or the class
     * token, then the classifier.
     */
    public static final class Head implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof SequenceHead;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            SequenceHead head = (SequenceHead) block;
            OnnxGraph g = ctx.graph();
            String p = ctx.path();
            String h = ctx.convertChild(head.norm(), "norm", List.of(inputs.get(0)), new Shape[] {shapes[0]}).get(0);
            String pooled;
            if ("cls".equals(head.pool())) {
                pooled = g.node("Gather", p, List.of(h, g.int64s(p + "/first", new long[] {0})), attr("axis", 1L));
            } else if (inputs.size() < 2) {
                pooled = g.node("ReduceMean", p, List.of(h), attrInts("axes", 1), attr("keepdims", 0L));
            } else {
                String mask = inputs.get(1);
                String axis = g.int64s(p + "/token_axis", new long[] {1}, 1);
                String weighted = g.node("Mul", p, List.of(h, g.node("Unsqueeze", p, List.of(mask,
                        g.int64s(p + "/hidden_axis", new long[] {2}, 1)))));
                String sum = g.node("ReduceSum", p, List.of(weighted, axis), attr("keepdims", 0L));
                String count = g.node("Max", p, List.of(g.node("ReduceSum", p, List.of(mask, axis),
                        attr("keepdims", 1L)), g.floats(p + "/at_least", new float[] {1f})));
                pooled = g.node("Div", p, List.of(sum, count));
            }
            return ctx.convertChild(head.classifier(), "classifier", List.of(pooled),
                    new Shape[] {head.pooledShape(shapes[0])});
        }
    }
}
