package org.greendl.train.strategy;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;

/**
 * fp16 mixed precision ({@code fp16}): refused with a one-line reason. On CPU the PyTorch engine is not faster
 * in fp16 and bf16 crashes it; this build ships CPU natives only, and the fp16 path (fp16 forward and backward,
 * fp32 master weights, loss scaling) is not written because it could not be verified on a GPU.
 */
public record MixedPrecision() implements Strategy {
    public static final String NAME = "fp16";

    @Override
    public String spec() {
        return NAME;
    }

    /** Throws with the reason fp16 cannot run on {@code device}. */
    public static void refuse(Device device) throws UnsupportedOperationException {
        if (!device.isGpu()) {
            throw new UnsupportedOperationException("fp16 refused on " + device
                    + ": not faster than fp32 on CPU in the PyTorch engine, and bf16 crashes it; use a GPU");
        }
        throw new UnsupportedOperationException("fp16 refused on " + device
                + ": mixed precision on GPU is not implemented yet (no GPU was available to verify it)");
    }

    @Override
    public Block prepare(Block block, StrategyContext context) {
        refuse(Engine.getInstance().defaultDevice());
        return block;
    }
}
