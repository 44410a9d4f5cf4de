package org.greendl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.unit.Energy;
import org.greendl.spark.MeterSettings;
import org.greendl.spark.SparkTrialRunner;
import org.greendl.train.hpo.Search;
import org.greendl.train.hpo.SearchData;
import org.greendl.train.hpo.SearchMethod;
import org.greendl.train.hpo.SearchSettings;
import org.greendl.train.hpo.SearchSpace;
import org.greendl.train.hpo.SearchSummary;
import org.greendl.train.hpo.SearchSummaryWriter;
import org.greendl.train.hpo.TrainingTrialRunner;
import org.greendl.train.hpo.TrialJournal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code greendl search}: hyper-parameter search with early stopping of bad trials and an energy budget. */
@Command(name = "search", sortOptions = false, description = "Hyper-parameter search (grid, random, successive "
        + "halving, Hyperband) with every trial's energy measured; writes DIR/search.json, DIR/trials.jsonl and a "
        + "run folder per trial. Rerun with the same --out to resume a killed search.")
final class SearchCommand implements Callable<Integer>, RunFolderCommand {
    @Mixin VerboseOption verbose;

    @Option(names = "--space", required = true, paramLabel = "FILE", description = "Search space JSON file.")
    Path space;

    @Option(names = "--method", defaultValue = "sh", paramLabel = "grid|random|sh|hyperband",
            description = "Search method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--max-energy-wh", paramLabel = "X", description = "Energy budget for the whole search (Wh).")
    Double maxEnergyWh;

    @Mixin SeedOption seed;

    @Option(names = "--eta", defaultValue = "3", paramLabel = "N", description = "Halving rate (default: ${DEFAULT-VALUE}).")
    int eta;

    @Option(names = "--min-epochs", defaultValue = "1", paramLabel = "N",
            description = "Epochs of the lowest rung (default: ${DEFAULT-VALUE}).")
    int minEpochs;

    @Option(names = "--samples", defaultValue = "0", paramLabel = "N",
            description = "Configurations random search draws (default: a third of the grid).")
    int samples;

    @Mixin DataOptions data;
    @Mixin TrainLimitOption trainLimit;
    @Mixin TestLimitOption testLimit;
    @Mixin ThreadsOption threads;
    @Mixin MeterOptions meterOptions;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "Where trials run: local, one after another (default), or spark: each rung's trials at"
                    + " once as Apache Spark tasks, energy counted once per host.")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --engine spark (default: spark-submit's, else local[*]); spark://HOST:PORT"
                    + " for a standalone cluster, whose executors must see --out and the data at the same paths.")
    String master;

    @Option(names = "--out", defaultValue = "runs/search", paramLabel = "DIR",
            description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin FormatOption format;

    @Override
    public Path runFolder() {
        return out;
    }

    @Override
    public Integer call() throws Exception {
        threads.apply();
        boolean json = format.json();
        SearchSpace s = SearchSpace.read(space);
        meterOptions.trackingMode(); // a bad --tracking-mode fails here, before any work
        SearchSettings settings = Cli.usage(() -> new SearchSettings(SearchMethod.parse(method), seed.value(), eta,
                minEpochs, samples, maxEnergyWh == null ? null : Energy.ofWh(maxEnergyWh)));
        boolean spark = sparkEngine(engine, master);
        SearchData searchData = SearchData.of(request(s), trainLimit.orNull(), testLimit.orNull());
        TrainingTrialRunner runner = new TrainingTrialRunner(s, out, searchData, dir -> meterOptions.applyTo(
                TrackerConfig.builder().optOutputDir(dir).optProjectName("greendl-search")).build());
        Path summaryFile = out.resolve("search.json");
        TrialJournal journal = TrialJournal.open(out);
        SparkTrialRunner sparkRunner = spark ? SparkTrialRunner.open(sparkMaster(), CONNECT_TIMEOUT_MS, s, searchData,
                out, new MeterSettings(meterOptions.trackingMode().label(), meterOptions.country(),
                        meterOptions.cpuTdpWatts()), threads.value()) : null;
        SearchSummary result;
        ObjectNode summary;
        Double test;
        var lastPartial = new java.util.concurrent.atomic.AtomicReference<SearchSummary>();
        try {
            result = new Search(s, settings, spark ? sparkRunner : runner, journal, partial -> {
                lastPartial.set(partial);
                SearchSummaryWriter.write(summaryFile, summaryJson(sparkRunner, partial, null));
                System.err.printf(Locale.ROOT, "search: %d trial(s), %.3f Wh so far%n", partial.trials().size(),
                        partial.totalEnergyKwh() * 1000);
            }).run();
            // The best's saved model sits on the shared filesystem: its test accuracy is taken here.
            test = result.best() == null ? null : runner.testAccuracy(result.best());
            summary = summaryJson(sparkRunner, result, test);
        } catch (RuntimeException e) {
            if (sparkRunner != null) {
                // The record says which trials failed, where and why, beside those that finished.
                SearchSummary partial = lastPartial.get();
                ObjectNode failed = partial != null ? summaryJson(sparkRunner, partial, null)
                        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
                SearchSummaryWriter.write(summaryFile, sparkRunner.withFailure(failed, e.getMessage()));
            }
            throw e;
        } finally {
            if (sparkRunner != null) {
                sparkRunner.close();
            }
        }
        SearchSummaryWriter.write(summaryFile, summary);
        if (json) {
            System.out.println(summary.toPrettyString());
        } else {
            System.out.printf(Locale.ROOT, "%s search: %d trial(s), %.3f Wh, %s; best %s after %d epoch(s): "
                    + "validation %.4f, test %s%nwritten: %s%n", settings.method().label(), result.trials().size(),
                    summary.get("total_energy_kwh").asDouble() * 1000, result.stopReason(),
                    result.best() == null ? "none" : result.best().config(),
                    result.best() == null ? 0 : result.best().epochs(),
                    result.best() == null ? 0 : result.best().validationAccuracy(),
                    test == null ? "n/a" : String.format(Locale.ROOT, "%.4f", test), summaryFile);
        }
        return 0;
    }

    /** How long a {@code spark://} master may take to answer before the search gives up on it. */
    static final int CONNECT_TIMEOUT_MS = 5000;

    /** {@code --master}, else what spark-submit set, else all this machine's cores. */
    private String sparkMaster() {
        return sparkMaster(master);
    }

    static String sparkMaster(String given) {
        return given != null ? given : System.getProperty("spark.master", "local[*]");
    }

    /**
     * Whether {@code --engine} asks for Spark; an unknown engine, or {@code --master} without Spark, is bad usage,
     * and an unreachable {@code spark://} master fails now, in one line, before any data is read.
     */
    static boolean sparkEngine(String engine, String master) {
        boolean spark = switch (engine) {
            case "local" -> false;
            case "spark" -> true;
            default -> throw new Cli.UsageFailure("unknown --engine '" + engine + "': expected local or spark");
        };
        if (master != null && !spark) {
            throw new Cli.UsageFailure("--master goes with --engine spark");
        }
        if (spark) {
            SparkTrialRunner.checkReachable(sparkMaster(master), CONNECT_TIMEOUT_MS);
        }
        return spark;
    }

    /** search.json's content; with Spark, energy per host and the total with each host counted once. */
    private static ObjectNode summaryJson(SparkTrialRunner spark, SearchSummary s, Double test) {
        ObjectNode json = SearchSummaryWriter.toJson(s, test);
        return spark == null ? json : spark.withEnergyPerHost(json, s.trials());
    }

    /** {@code --data} when given, else the space's dataset; the two may not disagree. */
    private DataRequest request(SearchSpace s) {
        DataRequest given = data.request(seed.value(), 64);
        boolean spaceNamesData = !DataSpec.DEFAULT.equals(s.dataset());
        if (!spaceNamesData) {
            return given;
        }
        if (data.spec() != null && !data.spec().equals(s.dataset())) {
            throw new Cli.UsageFailure("the search space names dataset " + s.dataset() + " but --data is "
                    + data.spec() + "; give one");
        }
        return Cli.usage(() -> new DataRequest(DataSpec.parse(s.dataset()), given.options()));
    }
}
