package org.greendl.data.spec;

/**
 * Examples as a loader read them, before splitting and normalization: bytes (images, scaled by 1/255 later) or
 * floats, {@code C*H*W} (or {@code F}) values per example, and class indices.
 *
 * @param shape one example's shape: {@code {C, H, W}} for images, {@code {F}} for feature vectors
 */
record Examples(byte[] bytes, float[] floats, int[] labels, long[] shape) {
    int count() {
        return labels.length;
    }

    int channels() {
        return (int) shape[0];
    }

    /** Values per channel: {@code H*W} for images, 1 for feature vectors. */
    int plane() {
        return shape.length == 3 ? (int) (shape[1] * shape[2]) : 1;
    }

    boolean isFeatures() {
        return shape.length == 1;
    }
}
