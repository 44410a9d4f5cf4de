package org.greendl.cli;

import picocli.CommandLine.Option;

/** {@code --test-limit}: evaluate on the first N test images; 0 or absent is all. */
public final class TestLimitOption {
    @Option(names = "--test-limit", paramLabel = "N",
            description = "Evaluate on the first N test images (0 or absent: all).")
    Integer testLimit;

    /** The number given, 0 when absent (0 = all); unchecked, for commands that check it with their other counts. */
    public int raw() {
        return testLimit == null ? 0 : testLimit;
    }

    /** The limit, or null for all (0 or absent); a negative number is a usage error. */
    public Integer orNull() {
        return orNull("--test-limit", testLimit);
    }

    static Integer orNull(String option, Integer n) {
        if (n != null && n < 0) {
            throw new Cli.UsageFailure(option + " must be >= 0 (0 = all), got " + n);
        }
        return n == null || n == 0 ? null : n;
    }
}
