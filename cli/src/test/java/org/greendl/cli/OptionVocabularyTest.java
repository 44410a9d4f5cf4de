package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Member;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * One option vocabulary: a shared flag means the same everywhere because every command gets it from the same
 * mixin, and a command that reads data, trains or meters cannot leave out the flags such commands take.
 */
class OptionVocabularyTest {
    @TempDir java.nio.file.Path dir;

    /** Each shared flag and the one class that declares it. */
    private static final Map<String, Class<?>> OWNER = Map.ofEntries(
            Map.entry("--data", DataOptions.class),
            Map.entry("--train-limit", TrainLimitOption.class),
            Map.entry("--limit", TrainLimitOption.class),
            Map.entry("--test-limit", TestLimitOption.class),
            Map.entry("--threads", ThreadsOption.class),
            Map.entry("--country", CountryOption.class),
            Map.entry("--tracking-mode", MeterOptions.class),
            Map.entry("--cpu-tdp", MeterOptions.class),
            Map.entry("--schedule", ScheduleOption.class),
            Map.entry("--lr-schedule", ScheduleOption.class),
            Map.entry("--seed", SeedOption.class),
            Map.entry("--format", FormatOption.class));

    /** Declared by a command itself, each for a stated reason. */
    private static final Set<String> OWN_DECLARATIONS = Set.of(
            // infer reads no training images: its old --limit counted test images, and still does.
            "infer --limit",
            // prune's --schedule is the pruning schedule (oneshot|gradual); prune trains with no LR schedule.
            "prune --schedule",
            // track meters another command's process tree, with the environment and config file behind each flag.
            "track --tracking-mode", "track --cpu-tdp",
            // tables and CSV besides JSON; carbon and doctor print the meter's own formats.
            "profile --format", "models --format", "carbon --format", "doctor --format",
            // the export and the compression verbs are moving into libraries; their --format follows there.
            "export --format", "prune --format", "distill --format", "factorize --format", "qat --format",
            "fine-tune --format",
            // quantize reads a data SPEC (idx:, folder:, csv:, npz:) or, without it, random inputs.
            "quantize --data");

    /** Commands that read a dataset. */
    private static final Set<String> READ_DATA = Set.of("train", "evaluate", "search", "prune", "distill",
            "factorize", "qat", "fine-tune", "active-learn", "prune-data", "curriculum", "transfer", "export", "infer",
            "bench");

    /** What every command that trains (has --epochs) takes, and which of them may go without one of them. */
    private static final List<String> TRAINING = List.of("--data", "--seed", "--test-limit", "--threads",
            "--country", "--tracking-mode", "--train-limit");
    private static final Set<String> TRAINING_EXCEPTIONS = Set.of(
            // active-learn's --pool is its training set; its rounds pick from it.
            "active-learn --train-limit",
            // the bench meters every step in process mode, side by side, on purpose, and compares the variants on
            // the whole test set.
            "bench --tracking-mode", "bench --test-limit",
            // nas scores candidates on validation accuracy and reads no test set.
            "nas --test-limit");

    private static Map<String, CommandLine> commands() {
        return Cli.commandLine().getSubcommands();
    }

    private static boolean has(CommandSpec spec, String name) {
        return spec.findOption(name) != null;
    }

    @Test
    void everySharedFlagComesFromItsMixin() {
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (var e : commands().entrySet()) {
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                for (String name : o.names()) {
                    Class<?> owner = OWNER.get(name);
                    if (owner == null || OWN_DECLARATIONS.contains(e.getKey() + " " + name)) {
                        continue;
                    }
                    checked++;
                    Class<?> declaredIn = ((Member) o.userObject()).getDeclaringClass();
                    if (declaredIn != owner) {
                        wrong.add(e.getKey() + " " + name + " is declared in " + declaredIn.getSimpleName()
                                + ", not " + owner.getSimpleName());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked > 50, "the walk saw the shared flags (" + checked + ")");
    }

    @Test
    void everyCommandThatReadsDataTakesData() {
        List<String> missing = new ArrayList<>();
        for (var e : commands().entrySet()) {
            CommandSpec spec = e.getValue().getCommandSpec();
            boolean readsData = READ_DATA.contains(e.getKey()) || has(spec, "--dataset") || has(spec, "--epochs");
            if (readsData && !has(spec, "--data")) {
                missing.add(e.getKey());
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(commands().keySet().containsAll(READ_DATA), "every data command is registered");
    }

    @Test
    void everyCommandThatTrainsTakesTheTrainingFlags() {
        List<String> missing = new ArrayList<>();
        int trainers = 0;
        for (var e : commands().entrySet()) {
            CommandSpec spec = e.getValue().getCommandSpec();
            if (!has(spec, "--epochs") && !has(spec, "--fine-tune-epochs") && !has(spec, "--min-epochs")) {
                continue;
            }
            trainers++;
            for (String flag : TRAINING) {
                if (!has(spec, flag) && !TRAINING_EXCEPTIONS.contains(e.getKey() + " " + flag)) {
                    missing.add(e.getKey() + " " + flag);
                }
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(trainers >= 12, "train, search, the five compress verbs, four select commands and bench: " + trainers);
    }

    @Test
    void theSelectCommandsAndEvaluateMeterAsTheyAreTold() {
        for (String name : List.of("active-learn", "prune-data", "curriculum", "transfer", "evaluate")) {
            CommandSpec spec = commands().get(name).getCommandSpec();
            for (String flag : List.of("--country", "--threads", "--tracking-mode", "--cpu-tdp")) {
                assertTrue(has(spec, flag), name + " " + flag);
            }
        }
    }

    @Test
    void theOldSpellingsStillParse() {
        CommandLine cl = Cli.commandLine();
        cl.parseArgs("train", "--model", "mlp", "--limit", "256", "--schedule", "cosine,warmup:10");
        TrainCommand t = cl.getSubcommands().get("train").getCommand();
        assertEquals(256, t.trainLimit.orNull());
        assertEquals("cosine,warmup:10", t.schedule.orNull());

        CommandLine again = Cli.commandLine();
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream notice = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(notice, true));
        try {
            again.parseArgs("prune-data", "--lr-schedule", "cosine", "--train-limit", "0");
        } finally {
            System.setErr(err);
        }
        PruneDataCommand p = again.getSubcommands().get("prune-data").getCommand();
        assertEquals("cosine", p.schedule.or("constant"));
        assertEquals(null, p.trainLimitOption.orNull(), "0 is all");
        assertEquals("greendl: --lr-schedule is deprecated; use --schedule cosine", notice.toString().strip());
    }

    @Test
    void aNegativeLimitIsAUsageError() {
        ProfileCommandTest.Result r = ProfileCommandTest.run("train", "--model", "mlp", "--train-limit", "-1",
                "--out", dir.resolve("t").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--train-limit must be >= 0 (0 = all), got -1"), r.err());
    }

    @Test
    void labelSmoothingGivenTwiceWithTwoValuesIsRefused() {
        ProfileCommandTest.Result r = ProfileCommandTest.run("train", "--model", "mlp", "--label-smoothing", "0.2",
                "--strategy", "label-smoothing:0.1", "--out", dir.resolve("t").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("same setting with two values"), r.err());
    }
}
