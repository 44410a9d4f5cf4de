package org.greendl.deploy.int8;

import java.util.Arrays;

/**
 * Calibration images as one flat float array, {@code count} samples of {@code sampleShape} (no batch axis),
 * already preprocessed exactly as at inference time.
 */
public record CalibrationSet(float[] data, long[] sampleShape, int count) {
    public CalibrationSet {
        long per = Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
        if (per * count != data.length) {
            throw new IllegalArgumentException("calibration data has " + data.length + " floats, expected "
                    + count + " x " + Arrays.toString(sampleShape));
        }
    }

    public int sampleSize() {
        return (int) Arrays.stream(sampleShape).reduce(1, (a, b) -> a * b);
    }

    /** Samples [from, to) as a batch. */
    public float[] batch(int from, int to) {
        return Arrays.copyOfRange(data, from * sampleSize(), to * sampleSize());
    }

    public long[] batchShape(int n) {
        long[] s = new long[sampleShape.length + 1];
        s[0] = n;
        System.arraycopy(sampleShape, 0, s, 1, sampleShape.length);
        return s;
    }
}
