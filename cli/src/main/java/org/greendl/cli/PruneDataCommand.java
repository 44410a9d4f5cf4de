package org.greendl.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.greendl.record.SelectionRecord;
import org.greendl.select.ImageSet;
import org.greendl.select.Json;
import org.greendl.select.SelectRecords;
import org.greendl.select.scoring.DataPruning;
import org.greendl.select.scoring.PruneResult;
import org.greendl.select.scoring.PruneSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code greendl prune-data}: score examples, keep a fraction, train on it, compare with full data. */
@Command(name = "prune-data", mixinStandardHelpOptions = true,
        description = "Data pruning: train a scoring model briefly, score every training example (EL2N, forgetting "
                + "events, loss, or random), keep a fraction, train from scratch on it and, unless --no-baseline, "
                + "on all data too. Scoring energy is included in the total. Record in OUT/run.json.")
public final class PruneDataCommand implements Callable<Integer>, RunFolderCommand {
    @Mixin VerboseOption verbose;
    @Mixin SelectOptions common;

    @Option(names = "--score", defaultValue = "el2n", description = "el2n, forgetting, loss or random (default: ${DEFAULT-VALUE}).")
    String score;

    @Option(names = "--keep", defaultValue = "0.5", description = "Fraction of the training set kept (default: ${DEFAULT-VALUE}).")
    double keep;

    @Option(names = "--skip-hardest", defaultValue = "0", description = "Fraction of the very hardest dropped first (default: ${DEFAULT-VALUE}).")
    double skipHardest;

    @Option(names = "--policy", defaultValue = "hardest", description = "Which examples of the ranking to keep: "
            + "hardest (plenty of data), easiest (scarce data) or stratified (equally many from each score band) "
            + "(default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--class-balanced", description = "Keep the same share of every class.")
    boolean classBalanced;

    @Option(names = "--score-runs", defaultValue = "1", description = "Scoring runs with different seeds, scores "
            + "averaged (default: ${DEFAULT-VALUE}).")
    int scoreRuns;

    @Option(names = "--score-every-epoch", description = "Average EL2N/loss over every scoring epoch's end, not "
            + "only the last.")
    boolean scoreEveryEpoch;

    @Option(names = "--epochs", defaultValue = "5", description = "Training epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--score-model", description = "Zoo model computing the scores (default: --model; a smaller proxy is cheaper).")
    String scoreModel;

    @Option(names = "--score-epochs", defaultValue = "1", description = "Epochs of scoring training (default: ${DEFAULT-VALUE}).")
    int scoreEpochs;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    /** The pruned and full-data training's schedule; cosine anneals to zero over each run's own steps. */
    @Mixin ScheduleOption schedule;

    @Option(names = "--augment", paramLabel = "LIST", defaultValue = "none", description = "Per-image "
            + "augmentations of the pruned and full-data training: crop[:PAD], flip[:P], cutout[:SIZE], "
            + "comma-separated (default: ${DEFAULT-VALUE}; scoring sees plain images).")
    String augment;

    @Mixin TrainLimitOption trainLimitOption;

    @Option(names = "--no-baseline", description = "Skip training on the full data.")
    boolean noBaseline;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/prune-data-SCORE-KEEP).")
    Path out;

    @Mixin FormatOption format;

    @Override
    public Path runFolder() {
        return out != null ? out : Path.of("runs", "prune-data-" + score + "-" + keep);
    }

    @Override
    public Integer call() throws IOException {
        boolean json = format.json();
        int trainLimit = trainLimitOption.raw();
        PruneSettings settings = Cli.usage(() -> new PruneSettings(score, keep, skipHardest, common.model, epochs,
                scoreModel == null ? common.model : scoreModel, scoreEpochs, common.batch, lr, common.seed(),
                !noBaseline, policy, classBalanced, scoreRuns, scoreEveryEpoch, schedule.or("constant"), augment));
        Path dir = runFolder();
        ImageSet.Splits sets = common.load();
        common.checkModel(settings.scoreModel());
        int[] trainIds = common.trainIds(sets.train(), trainLimit);
        int[] testIds = common.firstTestIds(sets.test().allIds());
        String runId = "prune-data-" + score + "-" + keep + "-"
                + SelectOptions.stamp();
        try (SelectMeter meter = common.startMeter()) {
            PruneResult result = new DataPruning(settings, meter, line -> System.err.println("greendl: " + line))
                    .run(sets.train(), trainIds, sets.test(), testIds);
            Map<String, Object> extra = new java.util.LinkedHashMap<>();
            extra.put("train_examples", trainIds.length);
            extra.put("test_examples", testIds.length);
            extra.putAll(common.dataConfig());
            SelectionRecord record = SelectRecords.pruning(runId, settings, result, meter, extra, common.input());
            java.nio.file.Files.createDirectories(dir);
            SelectRecords.write(dir.resolve("run.json"), record);
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(record));
            } else {
                System.out.printf("kept %d of %d by %s: test accuracy %.4f, energy %.4f Wh (scoring %.4f Wh)%n",
                        result.kept(), result.of(), score, result.testAccuracy(), 1000 * result.totalKwh(),
                        1000 * result.scoringKwh());
                if (!noBaseline) {
                    System.out.printf("full data: test accuracy %.4f, energy %.4f Wh; pruning costs %.2f points "
                            + "for %.0f%% of the energy%n", result.fullTestAccuracy(), 1000 * result.fullKwh(),
                            result.accuracyCostPoints(), 100 * result.energyRatio());
                    if (!Double.isNaN(result.cpuEnergyRatio())) {
                        System.out.printf("CPU energy only: %.0f%% of full training's%n", 100 * result.cpuEnergyRatio());
                    }
                }
                System.out.println("Run record: " + dir.resolve("run.json"));
            }
        }
        return 0;
    }
}
