package org.greendl.cli;

import picocli.CommandLine.Option;

/** {@code --train-limit} (old spelling {@code --limit}): how many training images to use; 0 or absent is all. */
public final class TrainLimitOption {
    @Option(names = {"--train-limit", "--limit"}, paramLabel = "N",
            description = "Use N of the training images (0 or absent: all; quick runs).")
    Integer trainLimit;

    /** The number given, 0 when absent (0 = all); unchecked, for commands that check it with their other counts. */
    public int raw() {
        return trainLimit == null ? 0 : trainLimit;
    }

    /** The number as given (0 included), or null when absent: for a command whose default is not all. */
    public Integer given() {
        return trainLimit;
    }

    /** The limit, or null for all (0 or absent); a negative number is a usage error. */
    public Integer orNull() {
        return TestLimitOption.orNull("--train-limit", trainLimit);
    }
}
