package org.greendl.nn.spec;

/** A setting of one node is missing or malformed; {@link BlockSpecs} adds the node's JSON path. */
final class FieldError extends IllegalArgumentException {
    private final String field;
    private final String problem;

    FieldError(String field, String problem) {
        super("\"" + field + "\": " + problem);
        this.field = field;
        this.problem = problem;
    }

    String field() {
        return field;
    }

    String problem() {
        return problem;
    }
}
