package org.greendl.record;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one Jackson configuration of greendl's files: pretty-printed, and unknown fields ignored on reading so
 * that files from newer writers stay readable. Field names come from each type's own annotations (snake_case),
 * not from the mapper, so free-form values (a record's {@code config}) are written as given.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Json() {}

    /** The first line of a parser message, at most 300 characters (Jackson's own messages span lines). */
    public static String firstLine(String message) {
        String line = message == null ? "the file ends early or holds an impossible value"
                : message.lines().findFirst().orElse("");
        return line.length() <= 300 ? line : line.substring(0, 300) + "...";
    }
}
