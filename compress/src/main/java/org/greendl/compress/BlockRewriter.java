package org.greendl.compress;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.greendl.profile.blocks.BlockDescriptors;

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

    /** How one kind of block is copied: the copy part of its descriptor ({@link CopyBlocks}). */
    interface Copier {
        Block copy(BlockRewriter rewriter, Block block, Replacer replacer, String path);
    }

    Block copy(Block block, Replacer replacer, String path) {
        WeightLayer layer = layers.get(block);
        if (layer != null) {
            Block replaced = replacer.replace(layer, this);
            if (replaced != null) {
                return replaced;
            }
        }
        Optional<Copier> copier = BlockDescriptors.find(block, Copier.class);
        if (copier.isPresent()) {
            return copier.get().copy(this, block, replacer, path);
        }
        if (block.getParameters().isEmpty()) {
            return block;
        }
        throw new IllegalArgumentException("cannot copy " + block.getClass().getSimpleName() + " at " + path
                + " (supported: SequentialBlock, ParallelBlock, Conv2d, Linear, BatchNorm, parameter-free blocks)");
    }

    /** {@code fresh} with {@code block}'s direct parameter values, once the new tree is initialized. */
    Block withValuesOf(Block block, Block fresh) {
        for (Pair<String, Parameter> p : block.getDirectParameters()) {
            setLater(Params.direct(fresh, p.getKey()), Params.values(p.getValue()));
        }
        return fresh;
    }
}
