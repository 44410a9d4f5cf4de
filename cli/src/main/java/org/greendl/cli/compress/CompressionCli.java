package org.greendl.cli.compress;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.greendl.cli.Cli;
import org.greendl.cli.OutputFormat;
import org.greendl.compress.pipeline.CompressionResult;
import org.greendl.compress.pipeline.CompressionSettings;
import org.greendl.meter.TrackerConfig;
import org.greendl.train.ModelStore;
import org.greendl.train.ProgressMode;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;

/** What the compression commands share around their library call: settings from the options, errors, printing. */
final class CompressionCli {
    private CompressionCli() {}

    /**
     * The shared options as the library's settings (threads applied, format and progress checked first, as
     * before any work).
     */
    static CompressionSettings settings(CompressOptions options) {
        options.threads.apply();
        OutputFormat.isJson(options.format); // validate --format early
        ProgressMode progress = progress(options);
        TrackerConfig meter = options.meter.applyTo(TrackerConfig.builder()).build();
        // No --data: the source model's recorded data (the job checks other data against it).
        return new CompressionSettings(options.out, options.data.givenOrNull(options.seed.value(), options.batch),
                options.trainLimit.orNull(), options.testLimit.orNull(), options.batch, options.seed.value(), meter,
                progress);
    }

    private static ProgressMode progress(CompressOptions options) {
        try {
            return ProgressMode.valueOf(options.progress.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure("unknown progress mode '" + options.progress
                    + "' (expected auto, bar, lines or none)");
        }
    }

    /** Runs the job; a path that is no model folder is a usage error, as in evaluate and export. */
    static CompressionResult run(Callable<CompressionResult> job) throws Exception {
        try {
            return job.call();
        } catch (ModelStore.NotAModelFolderException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
    }

    /** Prints the record (JSON) or a one-line summary. */
    static void print(CompressOptions options, CompressionResult result) {
        RunRecord r = result.record();
        if (OutputFormat.isJson(options.format)) {
            System.out.println(RunRecords.toJson(r));
            return;
        }
        RunRecord.Metrics m = r.metrics();
        System.out.printf(Locale.ROOT, "%s %s: test accuracy %s; params %d, MACs %d (effective %s), sparsity %.3f;"
                        + " %.3f Wh, %.3f g CO2eq%nwritten: %s%n", r.kind(), r.model().name(),
                m.testAccuracy() == null ? "n/a" : String.format(Locale.ROOT, "%.4f", m.testAccuracy()),
                r.model().params(), r.model().macs(), r.config().get("effective_macs"), r.model().sparsity(),
                r.energy().totalKwh() * 1000, r.emissions().totalKg() * 1000, result.recordFile());
    }
}
