package org.greendl.profile;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Counts parameters, MACs, FLOPs, activation and weight bytes of any DJL block, per layer and in total.
 *
 * <pre>{@code
 * Profile p = Profiler.profile(block, new Shape(1, 3, 224, 224));
 * System.out.println(ProfileFormat.table(p));
 * }</pre>
 *
 * A block that is not initialized is initialized for the count (the engine's default initializer) and
 * cleared again afterwards; an initialized one keeps its weights, which the sparsity-aware count reads.
 */
public final class Profiler {
    private Profiler() {}

    public static Profile profile(Block block, Shape input) {
        return profile(block, input, ProfileOptions.defaults());
    }

    public static Profile profile(Block block, Shape input, ProfileOptions options) {
        validate(input);
        if (block.isInitialized()) {
            return new Walker(options).run(block, input);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, options.dataType(), input);
            try {
                return new Walker(options).run(block, input);
            } finally {
                block.clear();
            }
        }
    }

    /**
     * A block with several inputs (a stage of a text model takes hidden states and a mask); the profile's
     * input is the first.
     */
    public static Profile profile(Block block, Shape[] inputs, ProfileOptions options) {
        for (Shape s : inputs) {
            validate(s);
        }
        if (block.isInitialized()) {
            return new Walker(options).run(block, inputs);
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            block.initialize(manager, options.dataType(), inputs);
            try {
                return new Walker(options).run(block, inputs);
            } finally {
                block.clear();
            }
        }
    }

    private static void validate(Shape input) {
        if (input == null || input.dimension() == 0) {
            throw new IllegalArgumentException("input shape must have at least one dimension");
        }
        for (long d : input.getShape()) {
            if (d < 1) {
                throw new IllegalArgumentException("input shape " + input + " has a dimension below 1");
            }
        }
    }
}
