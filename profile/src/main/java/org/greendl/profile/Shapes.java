package org.greendl.profile;

import ai.djl.ndarray.types.Shape;

/** Arithmetic on shapes for counting rules. */
public final class Shapes {
    private Shapes() {}

    /** Number of elements; a shape with an unknown (-1) dimension fails loudly rather than count wrong. */
    public static long elements(Shape shape) {
        long n = 1;
        for (long d : shape.getShape()) {
            if (d < 0) {
                throw new IllegalArgumentException("cannot count a shape with an unknown dimension: " + shape);
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Product of all dimensions but the last. */
    public static long rows(Shape shape) {
        return elements(shape) / shape.get(shape.dimension() - 1);
    }

    public static long last(Shape shape) {
        return shape.get(shape.dimension() - 1);
    }
}
