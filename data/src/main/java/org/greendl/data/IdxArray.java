package org.greendl.data;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The unsigned bytes of one IDX file and its dimensions, e.g. {@code [60000, 28, 28]} for images or
 * {@code [60000]} for labels.
 */
public record IdxArray(Path source, int[] dims, byte[] data) {
    public IdxArray {
        dims = dims.clone();
    }

    /** The first dimension: how many items (images or labels) the file holds. */
    public int count() {
        return dims[0];
    }

    /** Bytes per item: the product of all dimensions after the first. */
    public int itemSize() {
        int size = 1;
        for (int i = 1; i < dims.length; i++) {
            size *= dims[i];
        }
        return size;
    }

    @Override
    public int[] dims() {
        return dims.clone();
    }

    @Override
    public String toString() {
        return "IdxArray[" + source + ", dims=" + Arrays.toString(dims) + "]";
    }
}
