package org.greendl.compress.prune;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greendl.compress.CoreBlocks;
import org.greendl.compress.Layers;
import org.greendl.compress.Params;
import org.greendl.compress.WeightLayer;
import org.greendl.profile.blocks.BlockDescriptors;

/**
 * Structured filter/channel pruning that physically rebuilds a smaller model: each pruned Conv2d or Linear
 * gets fewer filters/units, and every dependent layer follows (the BatchNorm after it, the input channels of
 * the next convolution, the input columns of the Linear after a flatten: channel x spatial position).
 * Residual ParallelBlocks stay consistent: the branches' last layers keep the channel set that the identity
 * branch carries (or all channels when no branch is an identity). The network's output layer is never pruned.
 *
 * <p>Supported: SequentialBlock, ParallelBlock (sum or concat), Conv2d (plain or depthwise), Linear,
 * BatchNorm (axis 1) and parameter-free blocks (activations, pooling, flatten, dropout).
 */
public final class StructuredPruning {
    private StructuredPruning() {}

    /** What was kept: per layer name, kept and original output channels. */
    public record Result(Block block, Map<String, int[]> keptChannels) {
        /** Kept/total output channels of one layer. */
        public String describe(String layer) {
            int[] kt = keptChannels.get(layer);
            return kt[0] + "/" + kt[1];
        }
    }

    /**
     * Builds the pruned copy of {@code model} (initialized for {@code inputShape}); its parameters are
     * allocated on {@code manager}. The source model is not changed.
     */
    public static Result prune(Block model, Shape inputShape, NDManager manager, StructuredPruningConfig config) {
        Rebuilder r = new Rebuilder(model, config);
        Rebuilt rebuilt = r.rebuild(model, Channels.all((int) inputShape.get(1)), inputShape, "");
        Block out = rebuilt.block;
        out.initialize(manager, DataType.FLOAT32, inputShape);
        for (Runnable copy : r.copies) {
            copy.run();
        }
        return new Result(out, r.kept);
    }

    /**
     * How structured pruning rebuilds one kind of block while following the kept channels: the pruning part
     * of a block's descriptor ({@link PruningBlocks}). {@code r} is the rebuild in progress (children go back
     * through {@code r.rebuild}).
     */
    interface Rewrite {
        Rebuilt rebuild(Rebuilder r, Block block, Channels in, Shape inShape, String path);
    }

    /** Whether structured pruning has a rewrite for this kind of block (its descriptor's pruning part). */
    public static boolean rewrites(Block block) {
        return BlockDescriptors.find(block, Rewrite.class).isPresent();
    }

    /** Why structured pruning does not rewrite this kind of block, where its descriptor states it. */
    public static Optional<String> whyNotRewritten(Block block) {
        return BlockDescriptors.whyNone(block, Rewrite.class);
    }

    /** Surviving indices along the channel axis (axis 1) of the current activation. */
    record Channels(int[] keep, int total) {
        static Channels all(int n) {
            return new Channels(Params.range(n), n);
        }

        boolean isAll() {
            return keep.length == total;
        }
    }

    record Rebuilt(Block block, Channels out, Shape outShape) {}

    static final class Rebuilder {
        final StructuredPruningConfig config;
        final Map<Block, int[]> forced = new IdentityHashMap<>();
        final Map<Block, BatchNorm> followingNorm = new IdentityHashMap<>();
        final Map<Block, String> names = new IdentityHashMap<>();
        final List<Runnable> copies = new ArrayList<>();
        final Map<String, int[]> kept = new LinkedHashMap<>();

        Rebuilder(Block model, StructuredPruningConfig config) {
            this.config = config;
            List<WeightLayer> layers = Layers.weightLayers(model);
            for (WeightLayer l : layers) {
                names.put(l.block(), l.name());
            }
            for (String s : config.skip()) {
                Layers.find(model, s);
            }
            if (!layers.isEmpty()) {
                WeightLayer last = layers.get(layers.size() - 1);
                forced.put(last.block(), Params.range(outputs(last.block())));
            }
            indexFollowingNorms(model);
        }

        void indexFollowingNorms(Block block) {
            List<Block> children = new ArrayList<>();
            for (Pair<String, Block> c : block.getChildren()) {
                children.add(c.getValue());
                indexFollowingNorms(c.getValue());
            }
            if (block instanceof SequentialBlock) {
                for (int i = 0; i + 1 < children.size(); i++) {
                    if (Layers.isWeightLayer(children.get(i)) && children.get(i + 1) instanceof BatchNorm bn) {
                        followingNorm.put(children.get(i), bn);
                    }
                }
            }
        }

        Rebuilt rebuild(Block block, Channels in, Shape inShape, String path) {
            Optional<Rewrite> rewrite = BlockDescriptors.find(block, Rewrite.class);
            if (rewrite.isPresent()) {
                return rewrite.get().rebuild(this, block, in, inShape, path);
            }
            if (!block.getParameters().isEmpty()) {
                throw new IllegalArgumentException("structured pruning cannot rebuild " + block.getClass().getSimpleName()
                        + " at " + path + " (supported: SequentialBlock, ParallelBlock, Conv2d, Linear, BatchNorm, "
                        + "parameter-free blocks)");
            }
            return passThrough(block, in, inShape, path);
        }

        Rebuilt rebuildSequential(SequentialBlock seq, Channels in, Shape inShape, String path) {
            SequentialBlock out = new SequentialBlock();
            Channels ch = in;
            Shape shape = inShape;
            for (Pair<String, Block> child : seq.getChildren()) {
                Rebuilt r = rebuild(child.getValue(), ch, shape, path + "/" + child.getKey());
                out.add(r.block);
                ch = r.out;
                shape = r.outShape;
            }
            return new Rebuilt(out, ch, shape);
        }

        /** Activations, pooling, dropout keep channels; a flatten turns channels into feature columns. */
        Rebuilt passThrough(Block block, Channels in, Shape inShape, String path) {
            Shape outShape = block.getOutputShapes(new Shape[] {inShape})[0];
            int outC = (int) outShape.get(1);
            if (outC == in.total) {
                return new Rebuilt(block, in, outShape);
            }
            if (inShape.dimension() > 2 && outShape.dimension() == 2 && outC == inShape.size() / inShape.get(0)) {
                int spatial = outC / in.total;
                int[] cols = new int[in.keep.length * spatial];
                int p = 0;
                for (int c : in.keep) {
                    for (int s = 0; s < spatial; s++) {
                        cols[p++] = c * spatial + s;
                    }
                }
                return new Rebuilt(block, new Channels(cols, outC), outShape);
            }
            if (in.isAll()) {
                return new Rebuilt(block, Channels.all(outC), outShape);
            }
            throw new IllegalArgumentException("structured pruning cannot follow channels through "
                    + block.getClass().getSimpleName() + " at " + path + " (" + inShape + " -> " + outShape + ")");
        }

        Rebuilt rebuildConv(Convolution conv, Channels in, Shape inShape) {
            if (!(conv instanceof Conv2d)) {
                throw new IllegalArgumentException("structured pruning supports Conv2d only, got "
                        + conv.getClass().getSimpleName());
            }
            Parameter w = Params.direct(conv, "weight");
            Parameter b = Params.direct(conv, "bias");
            int filters = conv.getFilters();
            int groups = conv.getGroups();
            int inC = in.total;
            int[] outKeep;
            int[] wInKeep;
            int newGroups;
            if (groups == 1) {
                outKeep = decide(conv, filters);
                wInKeep = in.keep;
                newGroups = 1;
            } else if (groups == inC && filters == inC) {
                outKeep = in.keep; // depthwise: one filter per input channel
                wInKeep = null;
                newGroups = in.keep.length;
            } else if (in.isAll() && !forced.containsKey(conv)) {
                outKeep = Params.range(filters); // grouped convolution: left whole
                wInKeep = null;
                newGroups = groups;
            } else {
                throw new IllegalArgumentException("structured pruning cannot prune grouped convolution "
                        + names.get(conv) + " (groups=" + groups + ")");
            }
            Conv2d fresh = CoreBlocks.conv2d(conv, outKeep.length, newGroups, b != null);
            Shape wShape = w.getArray().getShape();
            float[] wv = Params.select(Params.values(w), wShape, outKeep, wInKeep);
            copyLater(Params.direct(fresh, "weight"), wv);
            if (b != null) {
                copyLater(Params.direct(fresh, "bias"), Params.select(Params.values(b), b.getArray().getShape(), outKeep, null));
            }
            kept.put(names.get(conv), new int[] {outKeep.length, filters});
            Shape outShape = conv.getOutputShapes(new Shape[] {inShape})[0];
            return new Rebuilt(fresh, new Channels(outKeep, filters), outShape);
        }

        Rebuilt rebuildLinear(Linear linear, Channels in, Shape inShape) {
            Parameter w = Params.direct(linear, "weight");
            Parameter b = Params.direct(linear, "bias");
            int units = (int) w.getArray().getShape().get(0);
            int[] outKeep = config.pruneLinear() || forced.containsKey(linear)
                    ? decide(linear, units) : Params.range(units);
            Linear fresh = CoreBlocks.linear(outKeep.length, b != null);
            float[] wv = Params.select(Params.values(w), w.getArray().getShape(), outKeep, in.keep);
            copyLater(Params.direct(fresh, "weight"), wv);
            if (b != null) {
                copyLater(Params.direct(fresh, "bias"), Params.select(Params.values(b), b.getArray().getShape(), outKeep, null));
            }
            kept.put(names.get(linear), new int[] {outKeep.length, units});
            Shape outShape = linear.getOutputShapes(new Shape[] {inShape})[0];
            return new Rebuilt(fresh, new Channels(outKeep, units), outShape);
        }

        Rebuilt rebuildNorm(BatchNorm bn, Channels in, Shape inShape) {
            if (CoreBlocks.batchNormAxis(bn) != 1) {
                throw new IllegalArgumentException("structured pruning supports BatchNorm on axis 1 only");
            }
            BatchNorm fresh = CoreBlocks.batchNormLike(bn);
            for (Pair<String, Parameter> p : bn.getDirectParameters()) {
                Parameter target = Params.direct(fresh, p.getKey());
                Parameter source = p.getValue();
                copyLater(target, Params.select(Params.values(source), source.getArray().getShape(), in.keep, null));
            }
            return new Rebuilt(fresh, in, inShape);
        }

        Rebuilt rebuildParallel(ParallelBlock par, Channels in, Shape inShape, String path) {
            List<Block> branches = new ArrayList<>();
            for (Pair<String, Block> c : par.getChildren()) {
                branches.add(c.getValue());
            }
            Shape outShape = par.getOutputShapes(new Shape[] {inShape})[0];
            int[] branchChannels = new int[branches.size()];
            int sum = 0;
            for (int i = 0; i < branches.size(); i++) {
                branchChannels[i] = (int) branches.get(i).getOutputShapes(new Shape[] {inShape})[0].get(1);
                sum += branchChannels[i];
            }
            boolean concat = branches.size() > 1 && outShape.get(1) == sum;
            if (!concat) {
                // Summed branches must agree channel by channel: force every branch's last layer.
                boolean identity = branches.stream().anyMatch(b -> Layers.weightLayers(b).isEmpty());
                for (Block b : branches) {
                    Block last = Layers.lastWeightBlock(b);
                    if (last != null) {
                        forced.put(last, identity ? in.keep : Params.range(outputs(last)));
                    }
                }
            }
            List<Block> fresh = new ArrayList<>();
            List<Channels> outs = new ArrayList<>();
            for (int i = 0; i < branches.size(); i++) {
                Rebuilt r = rebuild(branches.get(i), in, inShape, path + "/branch" + i);
                fresh.add(r.block);
                outs.add(r.out);
            }
            Channels out;
            if (concat) {
                List<Integer> idx = new ArrayList<>();
                int offset = 0;
                for (int i = 0; i < outs.size(); i++) {
                    for (int k : outs.get(i).keep) {
                        idx.add(offset + k);
                    }
                    offset += branchChannels[i];
                }
                out = new Channels(idx.stream().mapToInt(Integer::intValue).toArray(), sum);
            } else {
                out = outs.get(0);
                for (Channels c : outs) {
                    if (!Arrays.equals(c.keep, out.keep)) {
                        throw new IllegalStateException("residual branches at " + path + " disagree on kept channels");
                    }
                }
            }
            return new Rebuilt(CoreBlocks.parallelLike(par, fresh), out, outShape);
        }

        int[] decide(Block layer, int outputs) {
            int[] f = forced.get(layer);
            if (f != null) {
                return f;
            }
            if (config.skip().contains(names.get(layer)) || config.ratio() == 0) {
                return Params.range(outputs);
            }
            int keep = Math.max(1, (int) Math.round(outputs * (1 - config.ratio())));
            int m = config.channelMultiple();
            keep = Math.min(outputs, (keep + m - 1) / m * m);
            double[] score = scores(layer, outputs);
            return Params.strongest(score, keep);
        }

        double[] scores(Block layer, int outputs) {
            BatchNorm bn = followingNorm.get(layer);
            if (config.criterion() == ChannelCriterion.BN_SCALE && bn != null && Params.direct(bn, "gamma") != null) {
                float[] g = Params.values(Params.direct(bn, "gamma"));
                double[] s = new double[outputs];
                for (int i = 0; i < outputs; i++) {
                    s[i] = Math.abs(g[i]);
                }
                return s;
            }
            float[] w = Params.values(Params.direct(layer, "weight"));
            int per = w.length / outputs;
            double[] s = new double[outputs];
            for (int o = 0; o < outputs; o++) {
                double acc = 0;
                for (int i = o * per; i < (o + 1) * per; i++) {
                    acc += config.criterion() == ChannelCriterion.L2 ? (double) w[i] * w[i] : Math.abs(w[i]);
                }
                s[o] = config.criterion() == ChannelCriterion.L2 ? Math.sqrt(acc) : acc;
            }
            return s;
        }

        void copyLater(Parameter target, float[] values) {
            copies.add(() -> Params.set(target, values));
        }
    }

    private static int outputs(Block weightLayer) {
        return (int) Params.direct(weightLayer, "weight").getArray().getShape().get(0);
    }
}
