package org.greendl.data.spec;

/**
 * Data whose input shape or classes differ from the data a model was made for: bad input (exit 1), not a bad
 * option value, so it is no IllegalArgumentException.
 */
public final class IncompatibleDataException extends RuntimeException {
    public IncompatibleDataException(String message) {
        super(message);
    }
}
