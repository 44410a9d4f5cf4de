package org.greendl.data.spec;

/**
 * One array of a {@code .npy} file: its shape and its values, kept as bytes for {@code uint8} data (images) and
 * as doubles otherwise.
 */
record NpyArray(String name, long[] shape, String dtype, byte[] bytes, double[] values) {
    long count() {
        return shape.length == 0 ? 1 : shape[0];
    }

    long length() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    double get(int i) {
        return bytes != null ? bytes[i] & 0xff : values[i];
    }
}
