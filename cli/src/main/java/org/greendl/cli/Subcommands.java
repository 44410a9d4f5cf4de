package org.greendl.cli;

import java.util.List;

/**
 * The list of subcommands. Each issue adds its commands here, one line each, so that parallel work
 * merges without conflicts in {@link Main}.
 */
final class Subcommands {
    private Subcommands() {}

    static List<Object> all() {
        return List.of(
                // meter
                TrackCommand.commandLine(),
                new DoctorCommand(),
                new CarbonCommand(),
                // profile / nn
                new ProfileCommand(),
                new ModelsCommand(),
                // train / data
                new TrainCommand(),
                new EvaluateCommand(),
                // search (train/hpo)
                new SearchCommand(),
                // compress
                new org.greendl.cli.compress.PruneCommand(),
                new org.greendl.cli.compress.DistillCommand(),
                new org.greendl.cli.compress.FactorizeCommand(),
                new org.greendl.cli.compress.QatCommand(),
                // select
                new ActiveLearnCommand(),
                new PruneDataCommand(),
                // deploy
                new ExportCommand(),
                new InferCommand(),
                new ServeBenchCommand(),
                // bench + report
                new org.greendl.cli.bench.BenchCommand(),
                new ReportCommand()
        );
    }
}
