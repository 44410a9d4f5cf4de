package org.greendl.meter.carbon;

/**
 * A country or cloud region that is not in the carbon table. Its own type so that callers can treat it as the
 * bad setting it is (the command line exits 2 for it, as for any bad option value), wherever it was given.
 */
public final class UnknownPlaceException extends IllegalArgumentException {
    public UnknownPlaceException(String message) {
        super(message);
    }
}
