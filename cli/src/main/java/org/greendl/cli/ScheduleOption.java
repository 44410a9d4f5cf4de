package org.greendl.cli;

import picocli.CommandLine.Option;

/**
 * {@code --schedule}: the learning-rate schedule, one syntax for every training command
 * ({@code constant}, {@code cosine}, {@code step:EVERY:FACTOR}, each optionally {@code ,warmup:STEPS}; each command
 * accepts the part of it its training supports). {@code --lr-schedule} is the old spelling, still read.
 */
public final class ScheduleOption {
    @Option(names = "--schedule", paramLabel = "SPEC", description = "Learning-rate schedule: constant, cosine, "
            + "step:EVERY:FACTOR, each optionally ,warmup:STEPS (default: the model's recipe for train; constant "
            + "for the data-selection commands, which take constant or cosine).")
    String schedule;

    @Option(names = "--lr-schedule", paramLabel = "SPEC", description = "Deprecated: the old spelling of --schedule.")
    void lrSchedule(String spec) {
        if (spec != null) {
            System.err.println("greendl: --lr-schedule is deprecated; use --schedule " + spec);
            schedule = spec;
        }
    }

    /** The schedule given, or null for the command's default. */
    public String orNull() {
        return schedule;
    }

    /** The schedule given, or {@code fallback}. */
    public String or(String fallback) {
        return schedule != null ? schedule : fallback;
    }
}
