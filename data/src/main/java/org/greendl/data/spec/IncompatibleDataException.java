package org.greendl.data.spec;

/** Data whose input shape or classes differ from the data a model was made for. */
public final class IncompatibleDataException extends IllegalArgumentException {
    public IncompatibleDataException(String message) {
        super(message);
    }
}
