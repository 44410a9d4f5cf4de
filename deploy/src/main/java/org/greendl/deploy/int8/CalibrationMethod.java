package org.greendl.deploy.int8;

import java.util.Locale;

/** How an activation's float range is chosen from the calibration images. */
public enum CalibrationMethod {
    /** The observed minimum and maximum: no clipping, coarser steps when there are outliers. */
    MINMAX,
    /** The lower and upper {@code percentile} of the observed values (clips rare outliers). */
    PERCENTILE,
    /** The clipping threshold minimizing the KL divergence between float and quantized histograms (TensorRT). */
    ENTROPY;

    public static CalibrationMethod parse(String text) {
        for (CalibrationMethod m : values()) {
            if (m.name().equalsIgnoreCase(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown calibration method '" + text
                + "' (expected minmax, percentile or entropy)");
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
