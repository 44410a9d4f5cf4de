package org.greendl.data.augment;

/**
 * One training example while it is being augmented: pixels in [0, 1] (channel-major, {@code channels x height x
 * width}) and a target as class probabilities (one-hot before mixing). Augmentations return new or updated
 * examples; the arrays are owned by the example, so an augmentation may change them in place.
 */
public record Example(float[] pixels, int channels, int height, int width, float[] target) {
    public Example {
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values, expected "
                    + channels + "x" + height + "x" + width);
        }
    }

    /** A one-hot target for {@code label} among {@code classes}. */
    public static float[] oneHot(int label, int classes) {
        float[] t = new float[classes];
        t[label] = 1f;
        return t;
    }

    /** Image {@code index} of a stored byte array ({@code C*H*W} bytes per image), pixels scaled to [0, 1]. */
    public static Example fromBytes(byte[] images, int index, int channels, int height, int width, int label,
            int classes) {
        int item = channels * height * width;
        int offset = index * item;
        float[] unit = new float[item];
        for (int i = 0; i < item; i++) {
            unit[i] = (images[offset + i] & 0xff) / 255f;
        }
        return new Example(unit, channels, height, width, oneHot(label, classes));
    }

    public Example withPixels(float[] newPixels) {
        return new Example(newPixels, channels, height, width, target);
    }

    public Example withTarget(float[] newTarget) {
        return new Example(pixels, channels, height, width, newTarget);
    }
}
