package org.greendl.compress;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import org.greendl.profile.Profile;
import org.greendl.profile.ProfileOptions;
import org.greendl.profile.Profiler;
import org.greendl.profile.WeightSparsity;

/**
 * Parameter and multiply-accumulate counts of a model for one example, dense and effective, as the profiler
 * counts them (its sparsity view): a layer whose weights are partly zero is charged MACs in proportion to its
 * non-zero weights (what a sparse kernel would execute; dense kernels still do all of them).
 *
 * @param params all learned parameter values (BatchNorm running statistics excluded)
 * @param nonzeroParams learned values that are not exactly zero
 * @param macs dense MACs for one example
 * @param effectiveMacs MACs scaled by each layer's weight density
 * @param sparsity share of zero weights ({@link WeightSparsity}, as run records report it)
 */
public record Costs(long params, long nonzeroParams, long macs, long effectiveMacs, double sparsity) {

    /** Counts an initialized model for inputs of {@code input} (the batch axis is ignored). */
    public static Costs of(Block model, Shape input) {
        Shape one = new Shape(1).addAll(input.slice(1));
        Profile profile = Profiler.profile(model, one, ProfileOptions.defaults().withSparsity(true));
        long params = 0;
        long nonzero = 0;
        for (Pair<String, Parameter> p : model.getParameters()) {
            Parameter.Type t = p.getValue().getType();
            if (t == Parameter.Type.RUNNING_MEAN || t == Parameter.Type.RUNNING_VAR) {
                continue;
            }
            float[] v = p.getValue().getArray().toFloatArray();
            params += v.length;
            for (float f : v) {
                if (f != 0f) {
                    nonzero++;
                }
            }
        }
        return new Costs(params, nonzero, profile.total().macs(), profile.total().effectiveMacs(),
                WeightSparsity.of(model).fraction());
    }
}
