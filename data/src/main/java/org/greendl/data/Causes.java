package org.greendl.data;

import java.util.LinkedHashSet;
import java.util.Set;

/** One line for what went wrong, from an exception and its causes (many JDK exceptions carry no message). */
public final class Causes {
    private Causes() {}

    /** The distinct messages of the cause chain joined by ": ", a class name standing in for a missing message. */
    public static String describe(Throwable t) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable c = t; c != null && parts.size() < 5; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            parts.add(m == null || m.isBlank() ? c.getClass().getSimpleName() : m.lines().findFirst().orElse("").strip());
        }
        return String.join(": ", parts);
    }
}
