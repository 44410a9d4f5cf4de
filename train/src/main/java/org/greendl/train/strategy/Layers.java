package org.greendl.train.strategy;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Walks and rebuilds block trees for the strategies. */
final class Layers {
    private Layers() {}

    /** The blocks that own parameters directly, in forward order (children in the order they were added). */
    static List<Block> parameterized(Block block) {
        List<Block> out = new ArrayList<>();
        collect(block, out);
        return out;
    }

    private static void collect(Block block, List<Block> out) {
        if (!block.getDirectParameters().isEmpty()) {
            out.add(block);
        }
        block.getChildren().values().forEach(child -> collect(child, out));
    }

    /**
     * Rebuilds every {@link SequentialBlock} in the tree, replacing each child by {@code replace.apply(child)}
     * (null drops it). Blocks that are not sequential are offered to {@code replace} but not entered.
     */
    static Block rewrite(Block block, Function<Block, Block> replace) {
        if (!(block instanceof SequentialBlock)) {
            return replace.apply(block);
        }
        SequentialBlock rebuilt = new SequentialBlock();
        for (Block child : block.getChildren().values()) {
            Block b = rewrite(child, replace);
            if (b != null) {
                rebuilt.add(b);
            }
        }
        return rebuilt;
    }
}
