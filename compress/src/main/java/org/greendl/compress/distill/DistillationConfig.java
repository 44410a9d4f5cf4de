package org.greendl.compress.distill;

import java.util.List;

/**
 * Settings of knowledge distillation.
 *
 * @param temperature softmax temperature T of the soft targets, > 0 (Hinton et al. use 2 to 20)
 * @param alpha weight of the soft-target term in [0, 1]; the hard-label cross-entropy gets 1 - alpha
 * @param hints feature-distillation pairs (may be empty)
 * @param hintWeight weight of the mean squared hint error
 */
public record DistillationConfig(double temperature, double alpha, List<Hint> hints, double hintWeight) {
    public DistillationConfig {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (!(hintWeight >= 0)) {
            throw new IllegalArgumentException("hint weight must be >= 0, got " + hintWeight);
        }
        hints = hints == null ? List.of() : List.copyOf(hints);
    }

    public static DistillationConfig of(double temperature, double alpha) {
        return new DistillationConfig(temperature, alpha, List.of(), 0);
    }
}
