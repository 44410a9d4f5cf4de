package org.greendl.cli;

import java.util.List;

/**
 * The list of subcommands, one line each, grouped by the module whose work they do; kept apart from
 * {@link Main} so that adding a command touches one line.
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
                // nas (architecture search with measured cost)
                new NasCommand(),
                // compress
                new org.greendl.cli.compress.PruneCommand(),
                new org.greendl.cli.compress.DistillCommand(),
                new org.greendl.cli.compress.FactorizeCommand(),
                new org.greendl.cli.compress.QatCommand(),
                new org.greendl.cli.compress.FineTuneCommand(),
                // select
                new ActiveLearnCommand(),
                new PruneDataCommand(),
                new CurriculumCommand(),
                new TransferCommand(),
                // deploy
                new ExportCommand(),
                new InferCommand(),
                new ServeBenchCommand(),
                new QuantizeCommand(),
                // bench + report
                new org.greendl.cli.bench.BenchCommand(),
                new ReportCommand()
        );
    }
}
