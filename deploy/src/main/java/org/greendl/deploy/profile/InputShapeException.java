package org.greendl.deploy.profile;

/**
 * An input shape the model cannot take: an unknown input name, a wrong rank, a fixed dimension given another
 * size, a free dimension left unbound.
 */
public final class InputShapeException extends IllegalArgumentException {
    public InputShapeException(String message) {
        super(message);
    }
}
