package org.greendl.profile;

import static org.greendl.profile.Shapes.elements;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.greendl.profile.blocks.BlockDescriptor;
import org.greendl.profile.blocks.BlockDescriptorProvider;

/**
 * Counting rules for DJL's core blocks, one descriptor per block kind (registered in this module's
 * {@code META-INF/services}); the rules themselves are written down in profile/README.md.
 */
public final class CoreCounters implements BlockDescriptorProvider {

    /** FLOPs per element of each activation (a convention; see the README). */
    static final Map<String, Long> ACTIVATION_FLOPS = Map.of("relu", 1L, "relu6", 2L, "sigmoid", 4L, "tanh", 4L,
            "softplus", 3L, "softsign", 3L, "selu", 4L, "gelu", 8L, "mish", 8L);

    @Override
    public boolean core() {
        return true;
    }

    @Override
    public List<BlockDescriptor> descriptors() {
        return DESCRIPTORS;
    }

    private static final List<BlockDescriptor> DESCRIPTORS = List.of(
            counted("sequential", b -> b instanceof SequentialBlock, new SequentialCounter()),
            counted("parallel", b -> b instanceof ParallelBlock, new ParallelCounter()),
            leaf("conv2d", b -> b instanceof Convolution, CoreCounters::conv),
            leaf("linear", b -> b instanceof Linear, CoreCounters::linear),
            leaf("batchnorm", b -> b instanceof BatchNorm, (b, in, ctx) -> {
                // Inference form: y = a*x + b per element with a, b folded from gamma, beta, mean, var.
                Shape out = in[0];
                ctx.record("batchnorm", 0, 2 * elements(out), out);
                return new Shape[] {out};
            }),
            leaf("layernorm", b -> b instanceof LayerNorm, (b, in, ctx) -> {
                // mean (1), variance (2), normalize (2) per element, plus scale and shift (2).
                Shape out = in[0];
                ctx.record("layernorm", 0, 7 * elements(out), out);
                return new Shape[] {out};
            }),
            leaf("dropout", b -> b instanceof Dropout, (b, in, ctx) -> {
                ctx.record("dropout", 0, 0, in[0]); // identity at inference
                return new Shape[] {in[0]};
            }),
            leaf("embedding", b -> b instanceof Embedding<?>, (b, in, ctx) -> {
                Shape out = b.getOutputShapes(in)[0];
                ctx.record("embedding", 0, 0, out); // a table lookup: memory traffic, no arithmetic
                return new Shape[] {out};
            }),
            leaf("activation", b -> DjlBlocks.activation(b).isPresent(), (b, in, ctx) -> {
                String fn = DjlBlocks.activation(b).orElseThrow();
                ctx.record(fn, 0, ACTIVATION_FLOPS.get(fn) * elements(in[0]), in[0]);
                return new Shape[] {in[0]};
            }),
            leaf("pool", b -> DjlBlocks.pool(b).isPresent(), CoreCounters::pool),
            leaf("flatten", DjlBlocks::isFlatten, (b, in, ctx) -> {
                Shape out = b.getOutputShapes(in)[0];
                ctx.record("flatten", 0, 0, out);
                return new Shape[] {out};
            }),
            leaf("identity", DjlBlocks::isIdentity, (b, in, ctx) -> {
                ctx.record("identity", 0, 0, in[0]);
                return in;
            }));

    /** MACs = output elements x (input channels / groups) x kernel volume; FLOPs = 2 MACs + bias adds. */
    private static Shape[] conv(Block block, Shape[] in, CountContext ctx) {
        Convolution c = (Convolution) block;
        Shape out = block.getOutputShapes(in)[0];
        long inChannels = in[0].get(1);
        long kernel = elements(c.getKernelShape());
        long macs = Math.multiplyExact(elements(out), inChannels / c.getGroups() * kernel);
        long flops = 2 * macs + (c.isIncludeBias() ? elements(out) : 0);
        String type = c.getGroups() == 1 ? "conv" : c.getGroups() == inChannels && c.getFilters() == inChannels
                ? "conv-depthwise" : "conv-grouped";
        ctx.record(type + c.getKernelShape().dimension() + "d", macs, flops, out);
        return new Shape[] {out};
    }

    /** MACs = rows x in features x units; FLOPs = 2 MACs + bias adds. */
    private static Shape[] linear(Block block, Shape[] in, CountContext ctx) {
        Shape out = block.getOutputShapes(in)[0];
        long inFeatures = Shapes.last(in[0]);
        long units = Shapes.last(out);
        long macs = Math.multiplyExact(Shapes.rows(out), inFeatures * units);
        long flops = 2 * macs + (DjlBlocks.linearHasBias((Linear) block) ? elements(out) : 0);
        ctx.record("linear", macs, flops, out);
        return new Shape[] {out};
    }

    /** Window pooling: one FLOP per window element per output; global pooling: one per input element. */
    private static Shape[] pool(Block block, Shape[] in, CountContext ctx) {
        DjlBlocks.PoolSpec p = DjlBlocks.pool(block).orElseThrow();
        Shape out = block.getOutputShapes(in)[0];
        long flops = p.global() ? elements(in[0])
                : elements(out) * Arrays.stream(p.kernel()).reduce(1, (a, b) -> a * b);
        ctx.record((p.global() ? "global-" : "") + p.op() + "pool", 0, flops, out);
        return new Shape[] {out};
    }

    /** Children in order, each fed the previous one's outputs. */
    static final class SequentialCounter implements LayerCounter {
        @Override
        public boolean supports(Block block) {
            return block instanceof SequentialBlock;
        }

        @Override
        public Shape[] count(Block block, Shape[] inputs, CountContext ctx) {
            Shape[] current = inputs;
            for (var child : block.getChildren()) {
                current = ctx.visit(child.getKey(), child.getValue(), current);
            }
            return current;
        }
    }

    /**
     * Every branch gets the same inputs. The join is opaque (a lambda), so it is recognised by shapes:
     * branches and result all of one shape is an element-wise sum ((k-1) x elements FLOPs, a residual add);
     * anything else (a concatenation) costs no arithmetic.
     */
    static final class ParallelCounter implements LayerCounter {
        @Override
        public boolean supports(Block block) {
            return block instanceof ParallelBlock;
        }

        @Override
        public Shape[] count(Block block, Shape[] inputs, CountContext ctx) {
            Shape first = null;
            boolean same = true;
            int branches = 0;
            for (var child : block.getChildren()) {
                Shape out = ctx.visit(child.getKey(), child.getValue(), inputs)[0];
                same &= first == null || first.equals(out);
                first = first == null ? out : first;
                branches++;
            }
            Shape[] outs = block.getOutputShapes(inputs);
            if (same && outs[0].equals(first) && branches > 1) {
                ctx.record("add", 0, (branches - 1) * elements(outs[0]), outs[0]);
            } else {
                ctx.record("concat", 0, 0, outs[0]);
            }
            return outs;
        }
    }

    /** A rule for a leaf block. */
    interface LeafRule {
        Shape[] count(Block block, Shape[] in, CountContext ctx);
    }

    private static BlockDescriptor counted(String kind, Predicate<Block> supports, LayerCounter counter) {
        return BlockDescriptor.of(kind, supports).with(LayerCounter.class, counter);
    }

    private static BlockDescriptor leaf(String kind, Predicate<Block> supports, LeafRule rule) {
        return counted(kind, supports, leaf(supports, rule));
    }

    static LayerCounter leaf(Predicate<Block> supports, LeafRule rule) {
        return new LayerCounter() {
            @Override
            public boolean supports(Block block) {
                return supports.test(block);
            }

            @Override
            public Shape[] count(Block block, Shape[] inputs, CountContext ctx) {
                return rule.count(block, inputs, ctx);
            }
        };
    }
}
