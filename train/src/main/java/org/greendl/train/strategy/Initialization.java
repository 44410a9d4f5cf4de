package org.greendl.train.strategy;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import java.util.Locale;

/**
 * The weight initialization ({@code init-kaiming}, {@code init-xavier}, {@code init-orthogonal}): which
 * distribution every weight tensor (convolutions and linear layers; not biases or norms) starts from.
 * Kaiming/He normal (He et al. 2015, std sqrt(2 / fan-in)) is DJL's own default, so {@code init-kaiming} is the
 * plain loop made explicit; Xavier/Glorot uniform (Glorot and Bengio 2010: U(+-sqrt(6 / (fan-in + fan-out))), which is DJL's
 * XavierInitializer with the fan average and magnitude 3); orthogonal (Saxe et al.
 * 2014) with gain sqrt(2) for ReLU networks.
 */
public record Initialization(Kind kind) implements Strategy {
    public enum Kind { KAIMING, XAVIER, ORTHOGONAL }

    public static final String PREFIX = "init-";

    @Override
    public String spec() {
        return PREFIX + kind.name().toLowerCase(Locale.ROOT);
    }

    /** The initializer this choice stands for. */
    public Initializer initializer() {
        return switch (kind) {
            case KAIMING -> new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                    XavierInitializer.FactorType.IN, 2);
            case XAVIER -> new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                    XavierInitializer.FactorType.AVG, 3);
            case ORTHOGONAL -> new OrthogonalInitializer(Math.sqrt(2));
        };
    }

    @Override
    public Block prepare(Block block, StrategyContext context) {
        if (block.isInitialized()) {
            throw new IllegalArgumentException(spec() + " must be applied before the model is initialized");
        }
        block.setInitializer(initializer(), Parameter.Type.WEIGHT);
        return block;
    }
}
