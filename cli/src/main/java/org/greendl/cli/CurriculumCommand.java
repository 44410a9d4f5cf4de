package org.greendl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.greendl.record.SelectionRecord;
import org.greendl.select.ImageSet;
import org.greendl.select.Json;
import org.greendl.select.SelectRecords;
import org.greendl.select.Versus;
import org.greendl.select.curriculum.CurriculumSettings;
import org.greendl.select.curriculum.CurriculumTraining;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code greendl curriculum}: easy-to-hard training against training from scratch, in one run. */
@Command(name = "curriculum", mixinStandardHelpOptions = true,
        description = "Curriculum learning: score the training examples (EL2N or loss of a briefly trained scoring "
                + "model), train easy to hard with a pacing function, then train from scratch with the same model, "
                + "data, epochs and seed. Scoring energy is in the curriculum's total. Records: OUT/run.json "
                + "(curriculum, with the comparison) and OUT/scratch/run.json.")
public final class CurriculumCommand implements Callable<Integer>, RunFolderCommand {
    @Mixin VerboseOption verbose;
    @Mixin SelectOptions common;

    @Option(names = "--score", defaultValue = "el2n", description = "el2n or loss (default: ${DEFAULT-VALUE}).")
    String score;

    @Option(names = "--pacing", defaultValue = "linear", description = "linear (grows every epoch) or step (doubles "
            + "in steps) (default: ${DEFAULT-VALUE}).")
    String pacing;

    @Option(names = "--start", defaultValue = "0.25", description = "Share of the data, the easiest, in the first "
            + "epoch (default: ${DEFAULT-VALUE}).")
    double start;

    @Option(names = "--ramp-epochs", description = "Epochs until all data is used (default: half of --epochs).")
    Integer rampEpochs;

    @Option(names = "--epochs", defaultValue = "5", description = "Epochs of each training (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--score-model", description = "Zoo model computing the scores (default: --model).")
    String scoreModel;

    @Option(names = "--score-epochs", defaultValue = "1", description = "Epochs of scoring training (default: ${DEFAULT-VALUE}).")
    int scoreEpochs;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Mixin TrainLimitOption trainLimitOption;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/curriculum-SCORE-PACING).")
    Path out;

    @Mixin FormatOption format;

    @Override
    public Path runFolder() {
        return out != null ? out : Path.of("runs", "curriculum-" + score + "-" + pacing);
    }

    @Override
    public Integer call() throws IOException {
        boolean json = format.json();
        int trainLimit = trainLimitOption.raw();
        int testLimit = common.testLimit.raw();
        if (trainLimit < 0 || testLimit < 0) {
            throw new Cli.UsageFailure("--train-limit and --test-limit must be >= 0");
        }
        CurriculumSettings settings = Cli.usage(() -> new CurriculumSettings(score, pacing, start,
                rampEpochs == null ? epochs / 2 : rampEpochs, common.model, epochs,
                scoreModel == null ? common.model : scoreModel, scoreEpochs, common.batch, lr, common.seed()));
        Path dir = runFolder();
        ImageSet.Splits sets = common.load();
        common.checkModel(settings.scoreModel());
        int[] trainIds = common.trainIds(sets.train(), trainLimit);
        int[] testIds = common.firstTestIds(sets.test().allIds());
        String stamp = SelectOptions.stamp();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("score", score);
        config.put("pacing", pacing);
        config.put("start", start);
        config.put("ramp_epochs", settings.rampEpochs());
        config.put("epochs", epochs);
        config.put("score_model", settings.scoreModel());
        config.put("score_epochs", scoreEpochs);
        config.put("batch_size", common.batch);
        config.put("learning_rate", lr);
        config.put("seed", common.seed());
        config.putAll(common.dataConfig());
        config.put("train_examples", trainIds.length);
        config.put("test_examples", testIds.length);
        try (SelectMeter meter = common.startMeter()) {
            Versus v = CurriculumTraining.run(settings, sets.train(), trainIds, sets.test(), testIds, meter);
            SelectionRecord scratch = SelectRecords.scratch("scratch-" + stamp, "scratch (curriculum's baseline) · " + common.model
                    + " · seed " + common.seed(), common.model, v.scratch(), meter, config, common.input());
            SelectionRecord record = SelectRecords.versus("curriculum-" + stamp, "curriculum", "curriculum · " + score + " "
                    + pacing + " · " + common.model + " · seed " + common.seed(), common.model, v, "scoring", "scratch/run.json", meter, config,
                    common.input());
            Files.createDirectories(dir);
            SelectRecords.write(dir.resolve("scratch").resolve("run.json"), scratch);
            SelectRecords.write(dir.resolve("run.json"), record);
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(record));
            } else {
                VersusOutput.print("curriculum (" + score + ", " + pacing + ")", "scoring", v);
                System.out.println("Run records: " + dir.resolve("run.json") + ", " + dir.resolve("scratch/run.json"));
            }
        }
        return 0;
    }
}
