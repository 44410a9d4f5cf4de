package org.greendl.nn.spec;

/**
 * A model spec that cannot be read, in one line that starts with the JSON path of the culprit
 * ({@code layers[3].type: unknown layer "conv3d" (known: ...)}).
 */
public final class SpecError extends IllegalArgumentException {
    private final String path;

    SpecError(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    /** The JSON path of the value at fault, such as {@code layers[3].kernel}. */
    public String path() {
        return path;
    }
}
