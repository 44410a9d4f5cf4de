package org.greendl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.List;
import java.util.function.Function;

/**
 * Named join functions for {@link ai.djl.nn.ParallelBlock}: a ParallelBlock's join is an opaque lambda, so
 * greendl builds residuals and concatenations with these shared instances, which
 * {@link org.greendl.nn.spec.BlockSpecs} can recognise and write by name.
 */
public final class Joins {
    private Joins() {}

    /** Element-wise sum of the branches' first outputs (a residual connection). */
    public static final Function<List<NDList>, NDList> SUM = Joins::sum;

    /** Concatenation of the branches' first outputs along axis 1 (channels). */
    public static final Function<List<NDList>, NDList> CONCAT_CHANNELS = Joins::concatChannels;

    private static NDList sum(List<NDList> branches) {
        NDArray total = branches.get(0).singletonOrThrow();
        for (int i = 1; i < branches.size(); i++) {
            total = total.add(branches.get(i).singletonOrThrow());
        }
        return new NDList(total);
    }

    private static NDList concatChannels(List<NDList> branches) {
        NDList firsts = new NDList(branches.size());
        for (NDList b : branches) {
            firsts.add(b.singletonOrThrow());
        }
        return new NDList(NDArrays.concat(firsts, 1));
    }

    /** Name of a known join, or null. */
    public static String nameOf(Function<List<NDList>, NDList> join) {
        if (join == SUM) {
            return "sum";
        }
        if (join == CONCAT_CHANNELS) {
            return "concat";
        }
        return null;
    }

    public static Function<List<NDList>, NDList> byName(String name) {
        return switch (name) {
            case "sum" -> SUM;
            case "concat" -> CONCAT_CHANNELS;
            default -> throw new IllegalArgumentException("unknown join '" + name + "' (expected sum or concat)");
        };
    }
}
