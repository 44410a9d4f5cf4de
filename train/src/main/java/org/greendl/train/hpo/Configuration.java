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

    /** The value as an int; a fraction or a number beyond int's range is refused, never truncated or wrapped. */
    public int getInt(String name, int fallback) {
        Object v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return new java.math.BigDecimal(v.toString()).intValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("parameter \"" + name + "\" is " + v + ", not a whole number in int's range");
        }
    }

    @Override
    public String toString() {
        return key();
    }
}
