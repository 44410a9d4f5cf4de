package org.greendl.testing;

import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that need something Maven does not bring (a browser, the shared reference folder): where it is
 * missing the test is skipped with the reason printed on stderr, so a fresh machine's {@code mvn verify} passes
 * and says what it did not check; with {@code GREENDL_REQUIRE_ALL_TESTS=1} (set by CI) the skip is a failure.
 */
public final class OutsideMaven {
    public static final String REQUIRE_ALL = "GREENDL_REQUIRE_ALL_TESTS";

    private OutsideMaven() {}

    /** Returns when {@code available}; otherwise skips (or fails) the calling test, naming {@code what} and why. */
    public static void require(boolean available, String what, String why) {
        if (available) {
            return;
        }
        String reason = what + " is not available: " + why;
        if ("1".equals(System.getenv(REQUIRE_ALL))) {
            Assertions.fail(reason + " (" + REQUIRE_ALL + "=1 makes a skip a failure)");
        }
        System.err.println("SKIPPED " + caller() + ": " + reason);
        Assumptions.abort(reason);
    }

    /**
     * What {@code source} returns; where it throws (the thing is missing and could not be got), skips (or fails)
     * the calling test with the exception's message as the reason.
     */
    public static <T> T get(String what, java.util.concurrent.Callable<T> source) {
        try {
            return source.call();
        } catch (Exception e) {
            require(false, what, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            throw new AssertionError("unreachable");
        }
    }

    /** The first frame outside this class: the test that asked. */
    private static String caller() {
        Optional<StackWalker.StackFrame> frame = StackWalker.getInstance().walk(s -> s
                .filter(f -> !f.getClassName().equals(OutsideMaven.class.getName())).findFirst());
        return frame.map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "."
                + f.getMethodName()).orElse("a test");
    }
}
