package org.greendl.data;

import java.io.IOException;

/** No copy of a dataset was found in any of the places greendl looks, and it could not be downloaded. */
public final class DatasetNotFoundException extends IOException {
    public DatasetNotFoundException(String message) {
        super(message);
    }
}
