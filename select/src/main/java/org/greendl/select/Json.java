package org.greendl.select;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The module's JSON mapper: greendl's shared configuration (pretty-printed, unknown fields ignored), with
 * snake_case for the module's own files (settings, pool state, label files) whose types carry no naming.
 */
public final class Json {
    public static final ObjectMapper MAPPER = org.greendl.record.Json.MAPPER.copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private Json() {}
}
