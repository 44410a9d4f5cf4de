package org.greendl.compress;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

/**
 * Parameter and multiply-accumulate counts of a model for one example, dense and effective: a Conv2d or
 * Linear whose weights are partly zero is charged MACs in proportion to its non-zero weights (what a sparse
 * kernel would execute; dense kernels still do all of them). BatchNorm, activations and pooling are not
 * counted as MACs.
 *
 * @param params all learned parameter values (BatchNorm running statistics excluded)
 * @param nonzeroParams learned values that are not exactly zero
 * @param macs dense MACs of the Conv2d/Linear layers for one example
 * @param effectiveMacs MACs scaled by each layer's weight density
 */
public record Costs(long params, long nonzeroParams, long macs, long effectiveMacs) {

    /** Fraction of zero weights over all learned parameters. */
    public double sparsity() {
        return params == 0 ? 0 : 1.0 - (double) nonzeroParams / params;
    }

    /** Counts an initialized model for inputs of {@code input} (the batch axis is ignored). */
    public static Costs of(Block model, Shape input) {
        long[] acc = new long[2];
        Shape one = new Shape(1).addAll(input.slice(1));
        walk(model, one, acc);
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
        return new Costs(params, nonzero, acc[0], acc[1]);
    }

    private static Shape walk(Block block, Shape in, long[] acc) {
        if (block instanceof SequentialBlock) {
            Shape s = in;
            for (Pair<String, Block> c : block.getChildren()) {
                s = walk(c.getValue(), s, acc);
            }
            return s;
        }
        if (block instanceof ParallelBlock) {
            for (Pair<String, Block> c : block.getChildren()) {
                walk(c.getValue(), in, acc);
            }
            return block.getOutputShapes(new Shape[] {in})[0];
        }
        Shape out = block.getOutputShapes(new Shape[] {in})[0];
        if (Layers.isWeightLayer(block)) {
            float[] w = Params.direct(block, "weight").getArray().toFloatArray();
            long perOutput;
            long outputs;
            if (block instanceof Convolution) {
                perOutput = w.length / out.get(1); // C_in / groups * kh * kw
                outputs = out.size();
            } else {
                perOutput = in.get(in.dimension() - 1);
                outputs = out.size();
            }
            long macs = perOutput * outputs;
            long nonzero = 0;
            for (float f : w) {
                if (f != 0f) {
                    nonzero++;
                }
            }
            acc[0] += macs;
            acc[1] += Math.round(macs * ((double) nonzero / w.length));
        } else if (!block.getChildren().isEmpty() && !(block instanceof Linear)) {
            // wrappers (QAT layers): count what they hold, with the same input
            for (Pair<String, Block> c : block.getChildren()) {
                walk(c.getValue(), in, acc);
            }
        }
        return out;
    }
}
