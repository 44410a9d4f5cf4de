package org.greendl.data;

import java.io.IOException;
import java.nio.file.Path;

/** An IDX file that is not what its name promises: wrong magic, wrong dimensions, or the wrong length. */
public final class IdxFormatException extends IOException {
    public IdxFormatException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
