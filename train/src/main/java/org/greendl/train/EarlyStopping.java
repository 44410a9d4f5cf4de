package org.greendl.train;

/**
 * Stops when the validation loss has not improved by more than {@code minDelta} for {@code patience}
 * consecutive epochs.
 */
public record EarlyStopping(int patience, double minDelta) {
    public EarlyStopping {
        if (patience < 1) {
            throw new IllegalArgumentException("early-stopping patience must be >= 1 epoch, got " + patience);
        }
        if (minDelta < 0) {
            throw new IllegalArgumentException("early-stopping min delta must be >= 0, got " + minDelta);
        }
    }
}
