package org.greendl.train.hpo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** One point of a search space: a value for every hyper-parameter, in the space's order. */
public record Configuration(Map<String, Object> values) {
    public Configuration {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A stable, readable key such as {@code lr=0.001,batch=64}; used to find finished trials on resume. */
    public String key() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    public double getDouble(String name, double fallback) {
        Object v = values.get(name);
        return v instanceof Number n ? n.doubleValue() : v == null ? fallback : Double.parseDouble(v.toString());
    }

    public int getInt(String name, int fallback) {
        Object v = values.get(name);
        return v instanceof Number n ? n.intValue() : v == null ? fallback : Integer.parseInt(v.toString());
    }

    @Override
    public String toString() {
        return key();
    }
}
