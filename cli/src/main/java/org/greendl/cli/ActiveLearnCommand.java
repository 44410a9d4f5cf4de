package org.greendl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.greendl.record.SelectionRecord;
import org.greendl.record.StopReason;
import org.greendl.data.spec.DataRecord;
import org.greendl.select.ImageSet;
import org.greendl.select.Json;
import org.greendl.select.SelectRecords;
import org.greendl.select.active.ActiveLearning;
import org.greendl.select.active.ActiveLearningSettings;
import org.greendl.select.active.LabelFiles;
import org.greendl.select.active.LabelSource;
import org.greendl.select.active.PoolState;
import org.greendl.select.active.PoolStates;
import org.greendl.select.active.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code greendl active-learn}: pool-based active learning on any --data (Fashion-MNIST by default) with batch queries, labels from the
 * held-back ground truth (simulation) or from files a person fills; writes the learning curve into run.json.
 */
@Command(name = "active-learn", mixinStandardHelpOptions = true,
        description = "Pool-based active learning: label an initial random set, then per round train, measure and "
                + "query the most informative examples. Curve (labels, test accuracy, cumulative energy including "
                + "selection) in OUT/run.json; state in OUT/state.json, so rerunning with the same --out resumes.")
public final class ActiveLearnCommand implements Callable<Integer>, RunFolderCommand {
    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;
    @Mixin VerboseOption verbose;
    @Mixin SelectOptions common;

    @Option(names = "--strategy", defaultValue = "margin",
            description = "random, least-confidence, margin, entropy, bald, k-center (default: ${DEFAULT-VALUE}).")
    String strategy;

    @Option(names = "--initial", defaultValue = "1000", description = "Random initial labelled set (default: ${DEFAULT-VALUE}).")
    int initial;

    @Option(names = "--query", defaultValue = "1000", description = "Labels per round (default: ${DEFAULT-VALUE}).")
    int query;

    @Option(names = "--rounds", defaultValue = "10", description = "Query rounds after the initial set (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--epochs", defaultValue = "5", description = "Training epochs per round (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.001", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float lr;

    @Option(names = "--steps", defaultValue = "0", description = "Optimizer steps per round instead of --epochs "
            + "(0 = use --epochs): the same training budget at every point of the curve.")
    int steps;

    /** Cosine anneals to zero over each round's steps (retraining from scratch only). */
    @Mixin ScheduleOption schedule;

    @Option(names = "--warm-start", description = "Keep training last round's model instead of retraining from scratch.")
    boolean warmStart;

    @Option(names = "--mc-passes", defaultValue = "20", description = "MC-dropout passes for bald (default: ${DEFAULT-VALUE}).")
    int mcPasses;

    @Option(names = "--candidates", defaultValue = "0",
            description = "Score a random subset of this many unlabelled examples per query (0 = all).")
    int candidates;

    @Option(names = "--pool", defaultValue = "0", description = "Use a seeded random pool of this many training examples (0 = all; 60,000 for Fashion-MNIST).")
    int pool;

    @Option(names = "--labels", defaultValue = "simulate",
            description = "simulate (held-back ground truth) or file (export queries as CSV + PNG, import labels).")
    String labels;

    @Option(names = "--import-labels", paramLabel = "CSV",
            description = "Labels (columns id,label; label = class index or name) for the pending query.")
    Path importLabels;

    @Option(names = "--out", paramLabel = "DIR", description = "Run folder (default: runs/active-learn-STRATEGY-sSEED).")
    Path out;

    @Mixin FormatOption format;

    @Override
    public Path runFolder() {
        return out != null ? out : Path.of("runs", "active-learn-" + strategy + "-s" + common.seed());
    }

    @Override
    public Integer call() throws IOException {
        boolean json = format.json();
        int testLimit = common.testLimit.raw();
        if (!"simulate".equals(labels) && !"file".equals(labels)) {
            throw new Cli.UsageFailure("--labels must be simulate or file, got '" + labels + "'");
        }
        if (!Strategies.NAMES.contains(strategy)) {
            throw new Cli.UsageFailure("unknown strategy '" + strategy + "' (expected one of "
                    + String.join(", ", Strategies.NAMES) + ")");
        }
        if (pool < 0 || testLimit < 0) {
            throw new Cli.UsageFailure("--pool and --test-limit must be >= 0 (0 = all), got " + (pool < 0 ? pool : testLimit));
        }
        ActiveLearningSettings settings = Cli.usage(() -> new ActiveLearningSettings(strategy, initial, query, rounds,
                common.model, epochs, common.batch, lr, common.seed(), warmStart, mcPasses, 0.3, candidates, steps,
                schedule.or("constant")));
        Path dir = runFolder();
        Path stateFile = dir.resolve(PoolStates.FILE);
        Path settingsFile = dir.resolve("settings.json");
        ImageSet.Splits sets = common.load();
        PoolState state;
        if (Files.isRegularFile(stateFile)) {
            ActiveLearningSettings stored = readSettings(settingsFile);
            if (!stored.strategy().equals(strategy) || stored.seed() != common.seed()) {
                throw new IllegalArgumentException(dir + " holds a run with strategy " + stored.strategy() + " and seed "
                        + stored.seed() + "; give the same --strategy and --seed to resume it, or another --out");
            }
            settings = stored;
            checkSameData(dir.resolve(DATA_FILE), common.dataRecord());
            state = PoolStates.load(stateFile);
            if (importLabels != null && !state.hasPending()) {
                throw new IllegalArgumentException("--import-labels given but no query of " + dir + " waits for labels"
                        + " (round " + state.round() + " is labelled already)");
            }
            System.err.println("greendl: resuming " + dir + " at round " + state.round());
        } else {
            if (importLabels != null) {
                throw new IllegalArgumentException("--import-labels given but " + dir + " holds no active-learning run "
                        + "to label (no " + PoolStates.FILE + ")");
            }
            int[] poolIds = common.trainIds(sets.train(), pool);
            settings.checkPool(poolIds.length);
            Files.createDirectories(dir);
            removeLearnerFiles(dir.resolve("learner"));
            org.greendl.record.AtomicFiles.write(settingsFile, Json.MAPPER.writeValueAsBytes(settings));
            org.greendl.record.AtomicFiles.write(dir.resolve(DATA_FILE),
                    Json.MAPPER.writeValueAsBytes(common.dataRecord()));
            state = PoolState.start(strategy, common.seed(), poolIds);
        }
        int[] testIds = common.firstTestIds(sets.test().allIds());
        LabelSource source = "file".equals(labels) || importLabels != null
                ? LabelSource.files(dir.resolve("queries"), importLabels, sets.train(), common.classNames())
                : LabelSource.groundTruth(sets.train());
        String runId = "active-learn-" + strategy + "-s" + common.seed() + "-"
                + SelectOptions.stamp();
        Map<String, Object> extra = new java.util.LinkedHashMap<>();
        extra.put("labels", labels);
        extra.put("test_examples", testIds.length);
        extra.putAll(common.dataConfig());
        org.greendl.nn.zoo.InputSpec input = common.input();
        try (SelectMeter meter = common.startMeter()) {
            ActiveLearningSettings s = settings;
            ActiveLearning loop = new ActiveLearning(settings, sets.train(), sets.test(), testIds, source, meter,
                    stateFile, line -> System.err.println("greendl: " + line));
            ActiveLearning.Result result;
            try {
                result = loop.run(state, saved -> SelectRecords.write(dir.resolve("run.json"),
                        SelectRecords.activeLearning(runId, s, saved, "interrupted", meter, extra, input)));
            } catch (RuntimeException | IOException e) {
                // Flush what was measured so far; the state file already holds the last good step.
                if (Files.isRegularFile(stateFile)) {
                    SelectRecords.write(dir.resolve("run.json"), SelectRecords.activeLearning(runId, s,
                            PoolStates.load(stateFile), "interrupted", meter, extra, input));
                }
                throw e;
            }
            String stop = result.outcome() == ActiveLearning.Outcome.COMPLETED ? StopReason.COMPLETED.id()
                    : StopReason.WAITING_FOR_LABELS.id();
            SelectionRecord record = SelectRecords.activeLearning(runId, s, result.state(), stop, meter, extra, input);
            SelectRecords.write(dir.resolve("run.json"), record);
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(record));
            } else if (result.outcome() == ActiveLearning.Outcome.WAITING_FOR_LABELS) {
                Path csv = dir.resolve("queries").resolve(String.format("round-%02d", result.state().round()))
                        .resolve(LabelFiles.QUERY_FILE);
                System.out.println("Fill the label column of " + csv + " (class index or name), then run: "
                        + resumeCommand(spec.commandLine().getParseResult(), dir, csv));
            } else {
                var curve = result.state().curve();
                for (var p : curve) {
                    System.out.printf("round %2d  labels %6d  test accuracy %.4f  energy %.4f Wh (selection %.4f Wh)%n",
                            p.round(), p.labels(), p.testAccuracy(), 1000 * p.energyKwh(), 1000 * p.selectionKwh());
                }
                System.out.println("Run record: " + dir.resolve("run.json"));
            }
        }
        return 0;
    }

    /** The data a run was started on, beside its settings. */
    static final String DATA_FILE = "data.json";

    /**
     * Refuses to resume on other data than the run started on: the pool and the labelled set are ids into its
     * training split, so other content (even of the same shape) would mix two pools. A run started before the data
     * was recorded has no file and is resumed as before.
     */
    static void checkSameData(Path file, DataRecord now) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        DataRecord started = Json.MAPPER.readValue(file.toFile(), DataRecord.class);
        started.provenance().compatible(now.provenance()); // another shape or other classes: refused, naming both
        if (started.fingerprint() != null && !started.fingerprint().equals(now.fingerprint())) {
            throw new IllegalArgumentException(file.getParent() + " was started on " + started.spec() + " ("
                    + started.fingerprint() + "); resuming on " + now.spec() + " (" + now.fingerprint() + ") would mix"
                    + " two pools: give the same --data, or another --out");
        }
    }

    /** The settings a run was started with; a missing, empty or damaged file is one line naming it. */
    static ActiveLearningSettings readSettings(Path file) throws IOException {
        if (!Files.isRegularFile(file) || Files.size(file) == 0) {
            throw new IOException(file + " is missing or empty (the settings of the run to resume)");
        }
        try {
            ActiveLearningSettings s = Json.MAPPER.readValue(file.toFile(), ActiveLearningSettings.class);
            if (s == null || s.strategy() == null) {
                throw new IOException(file + " holds no active-learning settings");
            }
            return s;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + " is not readable active-learning settings: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The command that imports the labels: this run's own options (strategy, seed, data, pool, test set, ...: a
     * resumed run checks and uses them) with the same --out and the query's CSV.
     */
    static String resumeCommand(picocli.CommandLine.ParseResult parsed, Path dir, Path csv) {
        StringBuilder b = new StringBuilder("greendl active-learn");
        for (picocli.CommandLine.Model.OptionSpec o : parsed.matchedOptions()) {
            String name = o.longestName();
            if (name.equals("--out") || name.equals("--import-labels") || name.equals("--format")) {
                continue;
            }
            if (o.arity().max() == 0) {
                b.append(' ').append(name);
            } else {
                for (String v : o.originalStringValues()) {
                    b.append(' ').append(name).append(' ').append(shellQuote(v));
                }
            }
        }
        return b.append(" --out ").append(shellQuote(dir.toString())).append(" --import-labels ")
                .append(shellQuote(csv.toString())).toString();
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:=,+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** The files a saved learner is made of: DJL's {@code learner-EPOCH.params}. */
    private static final java.util.regex.Pattern LEARNER_FILE = java.util.regex.Pattern.compile("learner-\\d+\\.params");

    /**
     * Removes a previous run's saved learner, so a new run never warm-starts from it. Only files greendl wrote there
     * go (the parameters and temporary files of an interrupted save); anything else in the folder is the user's and
     * stays, and so does the folder then.
     */
    static void removeLearnerFiles(Path learnerDir) throws IOException {
        if (!Files.isDirectory(learnerDir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean othersLeft = false;
        try (var entries = Files.list(learnerDir)) {
            for (Path p : entries.toList()) {
                String name = p.getFileName().toString();
                boolean ours = Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && (LEARNER_FILE.matcher(name).matches()
                                || org.greendl.record.AtomicFiles.isTemporary(name) && name.contains("learner"));
                if (ours) {
                    Files.delete(p);
                } else {
                    othersLeft = true;
                }
            }
        }
        if (!othersLeft) {
            Files.delete(learnerDir);
        }
    }
}
