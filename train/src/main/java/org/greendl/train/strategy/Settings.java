package org.greendl.train.strategy;

import java.util.Locale;

/** Parses the numbers after a strategy name ({@code name:A:B}) with one-line errors. */
final class Settings {
    private final String spec;
    private final String[] parts;

    Settings(String spec) {
        this.spec = spec;
        this.parts = spec.split(":");
    }

    String name() {
        return parts[0];
    }

    int count() {
        return parts.length - 1;
    }

    double number(int index, double fallback, double min, double max, String what) {
        if (index > count()) {
            return fallback;
        }
        double v;
        try {
            v = Double.parseDouble(parts[index]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "strategy '%s': %s must be a number, got '%s'", spec, what, parts[index]));
        }
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "strategy '%s': %s must be in [%s, %s], got %s", spec, what, min, max, parts[index]));
        }
        return v;
    }

    int integer(int index, int fallback, int min, int max, String what) {
        double v = number(index, fallback, min, max, what);
        if (v != Math.rint(v)) {
            throw new IllegalArgumentException("strategy '" + spec + "': " + what + " must be a whole number, got "
                    + parts[index]);
        }
        return (int) v;
    }

    void atMost(int n, String usage) {
        if (count() > n) {
            throw new IllegalArgumentException("strategy '" + spec + "' has too many settings (expected " + usage + ")");
        }
    }
}
