package org.greendl.nn.zoo;

import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a model is sized for: one example's shape without the batch dimension, {@code (C,H,W)} for images or
 * {@code (F)} for feature vectors, and the number of classes its head scores.
 *
 * <p>Text is a sequence of {@code L} token ids, shape {@code (L)} with a {@code vocabulary} above 0: the ids are
 * carried as exact integer values in the float example arrays every loader fills, id 0 is padding (masked out
 * of attention and pooling) and id 1 the unknown token. For images and feature vectors the vocabulary is 0.
 */
public record InputSpec(Shape shape, int classes, int vocabulary) {
    /** Fashion-MNIST: one 28x28 grey image, ten classes (the zoo's defaults). */
    public static final InputSpec FASHION_MNIST = new InputSpec(new Shape(1, 28, 28), 10);

    /** Token id of padding in a text input. */
    public static final int PADDING_TOKEN = 0;
    /** Token id of a word or piece the vocabulary does not hold. */
    public static final int UNKNOWN_TOKEN = 1;

    /** An image or feature-vector input. */
    public InputSpec(Shape shape, int classes) {
        this(shape, classes, 0);
    }

    /** A text input: sequences of {@code length} token ids below {@code vocabulary}. */
    public static InputSpec tokens(int length, int vocabulary, int classes) {
        if (vocabulary < 3) {
            throw new IllegalArgumentException("a text vocabulary needs padding, unknown and at least one token,"
                    + " got " + vocabulary);
        }
        return new InputSpec(new Shape(length), classes, vocabulary);
    }

    public InputSpec {
        if (vocabulary < 0) {
            throw new IllegalArgumentException("vocabulary size must be 0 (not text) or more, got " + vocabulary);
        }
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

    /** True for a sequence of token ids. */
    public boolean isTokens() {
        return vocabulary > 0;
    }

    /** "3x32x32", "30 features" or "128 tokens of 8000". */
    public String describeShape() {
        if (isTokens()) {
            return shape.get(0) + " tokens of " + vocabulary;
        }
        return isImage() ? describe(shape) : shape.get(0) + " features";
    }

    private static String describe(Shape s) {
        return Arrays.stream(s.getShape()).mapToObj(Long::toString).collect(Collectors.joining("x"));
    }
}
