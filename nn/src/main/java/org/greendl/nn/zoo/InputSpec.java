package org.greendl.nn.zoo;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a model is sized for: one example's shape without the batch dimension, {@code (C,H,W)} for images or
 * {@code (F)} for feature vectors, and the number of classes its head scores.
 */
public record InputSpec(Shape shape, int classes) {
    /** Fashion-MNIST: one 28x28 grey image, ten classes (the zoo's defaults). */
    public static final InputSpec FASHION_MNIST = new InputSpec(new Shape(1, 28, 28), 10);

    public InputSpec {
        if (shape == null || (shape.dimension() != 1 && shape.dimension() != 3)) {
            throw new IllegalArgumentException("input shape must be (C,H,W) for images or (F) for feature vectors,"
                    + " got " + (shape == null ? "none" : describe(shape)));
        }
        for (long d : shape.getShape()) {
            if (d < 1) {
                throw new IllegalArgumentException("input shape " + describe(shape) + " has a dimension below 1");
            }
        }
        if (classes < 1) {
            throw new IllegalArgumentException("class count must be at least 1, got " + classes);
        }
    }

    /** True for (C,H,W), false for a feature vector (F). */
    public boolean isImage() {
        return shape.dimension() == 3;
    }

    /** The shape with a batch dimension in front: (n,C,H,W) or (n,F). */
    public Shape batched(long n) {
        return new Shape(n).addAll(shape);
    }

    /** "3x32x32" or "30 features". */
    public String describeShape() {
        return isImage() ? describe(shape) : shape.get(0) + " features";
    }

    private static String describe(Shape s) {
        return Arrays.stream(s.getShape()).mapToObj(Long::toString).collect(Collectors.joining("x"));
    }
}
