package org.greendl.compress;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deep-copies a tree of DJL core blocks into fresh blocks on a new manager, letting a caller replace chosen
 * weight layers (low-rank factorization swaps a Linear for two). Parameter-free blocks are reused as they are.
 */
public final class BlockRewriter {

    /** Returns the block that takes a layer's place, or null to copy the layer unchanged. */
    @FunctionalInterface
    public interface Replacer {
        Block replace(WeightLayer layer, BlockRewriter rewriter);
    }

    private final Map<Block, WeightLayer> layers = new IdentityHashMap<>();
    private final List<Runnable> copies = new ArrayList<>();

    private BlockRewriter(Block model) {
        for (WeightLayer l : Layers.weightLayers(model)) {
            layers.put(l.block(), l);
        }
    }

    public static Block rewrite(Block model, Shape input, NDManager manager, Replacer replacer) {
        BlockRewriter r = new BlockRewriter(model);
        Block out = r.copy(model, replacer, "");
        out.initialize(manager, DataType.FLOAT32, input);
        for (Runnable c : r.copies) {
            c.run();
        }
        return out;
    }

    /** Schedules {@code target}'s values to be set once the new tree is initialized. */
    public void setLater(Parameter target, float[] values) {
        copies.add(() -> Params.set(target, values));
    }

    private Block copy(Block block, Replacer replacer, String path) {
        if (block instanceof SequentialBlock seq) {
            SequentialBlock out = new SequentialBlock();
            for (Pair<String, Block> c : seq.getChildren()) {
                out.add(copy(c.getValue(), replacer, path + "/" + c.getKey()));
            }
            return out;
        }
        if (block instanceof ParallelBlock par) {
            List<Block> branches = new ArrayList<>();
            for (Pair<String, Block> c : par.getChildren()) {
                branches.add(copy(c.getValue(), replacer, path + "/" + c.getKey()));
            }
            return CoreBlocks.parallelLike(par, branches);
        }
        WeightLayer layer = layers.get(block);
        if (layer != null) {
            Block replaced = replacer.replace(layer, this);
            if (replaced != null) {
                return replaced;
            }
        }
        Block fresh;
        if (block instanceof Convolution conv) {
            fresh = CoreBlocks.conv2d(conv, conv.getFilters(), conv.getGroups(), Params.direct(conv, "bias") != null);
        } else if (block instanceof Linear linear) {
            Parameter w = Params.direct(linear, "weight");
            fresh = CoreBlocks.linear(w.getArray().getShape().get(0), Params.direct(linear, "bias") != null);
        } else if (block instanceof BatchNorm bn) {
            fresh = CoreBlocks.batchNormLike(bn);
        } else if (block.getParameters().isEmpty()) {
            return block;
        } else {
            throw new IllegalArgumentException("cannot copy " + block.getClass().getSimpleName() + " at " + path
                    + " (supported: SequentialBlock, ParallelBlock, Conv2d, Linear, BatchNorm, parameter-free blocks)");
        }
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            setLater(Params.direct(fresh, p.getKey()), Params.values(p.getValue()));
        }
        return fresh;
    }
}
