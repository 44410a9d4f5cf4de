package org.greendl.data.spec;

import java.io.IOException;
import java.nio.file.Path;

/** A user's data that cannot be loaded as given; the message is one line naming the file and the problem. */
public final class DataInputException extends IOException {
    public DataInputException(String message) {
        super(message);
    }

    public DataInputException(Path file, String problem) {
        super(file + ": " + problem);
    }
}
