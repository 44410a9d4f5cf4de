package org.greendl.meter;

/**
 * A meter setting that cannot be used, wherever it was given (flag, environment variable, config file): a bad
 * argument like a bad option value, so the command line exits 2 for it.
 */
public final class BadSettingException extends IllegalArgumentException {
    public BadSettingException(String message) {
        super(message);
    }
}
