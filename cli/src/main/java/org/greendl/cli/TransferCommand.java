package org.greendl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import org.greendl.record.SelectionRecord;
import org.greendl.select.ImageSet;
import org.greendl.select.Json;
import org.greendl.select.SelectRecords;
import org.greendl.select.Shuffle;
import org.greendl.select.Versus;
import org.greendl.select.transfer.Transfer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code greendl transfer}: pre-train on part of the classes or data, fine-tune, against training from scratch. */
@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = "Transfer: pre-train on some classes (--pretrain-classes, then the target task is the other "
                + "classes, tested on their test images) or on a share of the images (--pretrain-fraction, the "
                + "target is the rest), fine-tune on the target, then train on the target from scratch with the same "
                + "epochs, rate and seed. Pre-training energy is in the transfer's total. Records: OUT/run.json "
                + "(transfer, with the comparison) and OUT/scratch/run.json.")
public final class TransferCommand implements Callable<Integer>, RunFolderCommand {
    @Mixin VerboseOption verbose;
    @Mixin SelectOptions common;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    static final class Source {
        @Option(names = "--pretrain-classes", paramLabel = "LIST", description = "Classes of the source task, e.g. 0-4.")
        String classes;

        @Option(names = "--pretrain-fraction", paramLabel = "F", description = "Share of the images to pre-train on, in (0, 1).")
        Double fraction;
    }

    @Option(names = "--head", description = "reset (fresh last layer for fine-tuning; default with "
            + "--pretrain-classes, whose head knows only the source classes) or keep (default with --pretrain-fraction).")
    String head;

    @Option(names = "--target-size", defaultValue = "0", description = "Target examples (a seeded random N of the "
            + "target set; 0 = all of it).")
    int targetSize;

    @Option(names = "--pretrain-epochs", defaultValue = "3", description = "Pre-training epochs (default: ${DEFAULT-VALUE}).")
    int pretrainEpochs;

    @Option(names = "--epochs", defaultValue = "5", description = "Fine-tuning epochs, also the scratch run's (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--pretrain-lr", description = "Adam learning rate of pre-training (default: --lr).")
    Float pretrainLr;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate of fine-tuning and of the "
            + "scratch run (default: ${DEFAULT-VALUE}).")
    float lr;

    @Mixin TrainLimitOption trainLimitOption;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/transfer).")
    Path out;

    @Mixin FormatOption format;

    @Override
    public Path runFolder() {
        return out != null ? out : Path.of("runs", "transfer");
    }

    @Override
    public Integer call() throws IOException {
        boolean json = format.json();
        int trainLimit = trainLimitOption.raw();
        int testLimit = common.testLimit.raw();
        if (trainLimit < 0 || testLimit < 0 || targetSize < 0) {
            throw new Cli.UsageFailure("--train-limit, --test-limit and --target-size must be >= 0");
        }
        float preLr = pretrainLr == null ? lr : pretrainLr;
        if (!(lr > 0) || !(preLr > 0)) {
            throw new Cli.UsageFailure("--lr and --pretrain-lr must be > 0");
        }
        if (head != null && !"reset".equals(head) && !"keep".equals(head)) {
            throw new Cli.UsageFailure("--head must be reset or keep, got '" + head + "'");
        }
        boolean resetHead = head == null ? source.classes != null : "reset".equals(head);
        Transfer.Settings settings;
        Set<Integer> sourceClasses = null;
        try {
            settings = new Transfer.Settings(common.model, pretrainEpochs, epochs, preLr, lr, common.batch, common.seed(), resetHead);
            if (source.classes != null) {
                Transfer.parseClasses(source.classes, 1 << 16); // the syntax, before reading the data
            } else {
                Transfer.fraction(new int[] {0, 1}, source.fraction, common.seed()); // validates the fraction
            }
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageFailure(e.getMessage());
        }
        ImageSet.Splits sets = common.load();
        if (source.classes != null) {
            int classes = sets.train().classes();
            sourceClasses = Cli.usage(() -> Transfer.parseClasses(source.classes, classes));
        }
        int[] pool = common.trainIds(sets.train(), trainLimit);
        int[] sourceIds;
        int[] targetIds;
        int[] testIds;
        if (sourceClasses != null) {
            sourceIds = Transfer.ofClasses(sets.train(), pool, sourceClasses);
            targetIds = Transfer.notOfClasses(sets.train(), pool, sourceClasses);
            testIds = Transfer.notOfClasses(sets.test(), sets.test().allIds(), sourceClasses);
        } else {
            sourceIds = Transfer.fraction(pool, source.fraction, common.seed());
            targetIds = Transfer.rest(pool, sourceIds);
            testIds = sets.test().allIds();
        }
        if (targetSize > 0) {
            if (targetSize > targetIds.length) {
                throw new IllegalArgumentException("--target-size " + targetSize + " is larger than the target set ("
                        + targetIds.length + " examples)");
            }
            targetIds = Arrays.copyOf(Shuffle.copy(targetIds, new Random(common.seed() * 7 + 3)), targetSize);
            Arrays.sort(targetIds);
        }
        testIds = common.firstTestIds(testIds);
        Path dir = runFolder();
        String stamp = SelectOptions.stamp();
        Map<String, Object> config = new LinkedHashMap<>();
        if (sourceClasses != null) {
            config.put("pretrain_classes", source.classes);
        } else {
            config.put("pretrain_fraction", source.fraction);
        }
        config.put("head", resetHead ? "reset" : "keep");
        config.put("pretrain_epochs", pretrainEpochs);
        config.put("pretrain_learning_rate", preLr);
        config.put("epochs", epochs);
        config.put("learning_rate", lr);
        config.put("batch_size", common.batch);
        config.put("seed", common.seed());
        config.putAll(common.dataConfig());
        config.put("source_examples", sourceIds.length);
        config.put("target_examples", targetIds.length);
        config.put("test_examples", testIds.length);
        try (SelectMeter meter = common.startMeter()) {
            Versus v = Transfer.run(settings, sets.train(), sourceIds, targetIds, sets.test(), testIds, meter);
            SelectionRecord scratch = SelectRecords.scratch("scratch-" + stamp, "scratch (transfer's baseline) · " + common.model
                    + " · seed " + common.seed(), common.model, v.scratch(), meter, config, common.input());
            String what = sourceClasses != null ? "classes " + source.classes : "fraction " + source.fraction;
            SelectionRecord record = SelectRecords.versus("transfer-" + stamp, "transfer", "transfer · pre-trained on "
                    + what + " · " + common.model + " · seed " + common.seed(), common.model, v, "pretraining", "scratch/run.json", meter,
                    config, common.input());
            Files.createDirectories(dir);
            SelectRecords.write(dir.resolve("scratch").resolve("run.json"), scratch);
            SelectRecords.write(dir.resolve("run.json"), record);
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(record));
            } else {
                VersusOutput.print("transfer (pre-trained on " + what + ", " + sourceIds.length + " images; target "
                        + targetIds.length + ")", "pre-training", v);
                System.out.println("Run records: " + dir.resolve("run.json") + ", " + dir.resolve("scratch/run.json"));
            }
        }
        return 0;
    }
}
