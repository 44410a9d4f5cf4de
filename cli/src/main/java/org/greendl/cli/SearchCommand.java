package org.greendl.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.unit.Energy;
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
        SearchData searchData = SearchData.of(request(s), trainLimit.orNull(), testLimit.orNull());
        TrainingTrialRunner runner = new TrainingTrialRunner(s, out, searchData, dir -> meterOptions.applyTo(
                TrackerConfig.builder().optOutputDir(dir).optProjectName("greendl-search")).build());
        Path summaryFile = out.resolve("search.json");
        TrialJournal journal = TrialJournal.open(out);
        SearchSummary result = new Search(s, settings, runner, journal, partial -> {
            SearchSummaryWriter.write(summaryFile, partial, null);
            System.err.printf(Locale.ROOT, "search: %d trial(s), %.3f Wh so far%n", partial.trials().size(),
                    partial.totalEnergyKwh() * 1000);
        }).run();
        Double test = result.best() == null ? null : runner.testAccuracy(result.best());
        SearchSummaryWriter.write(summaryFile, result, test);
        if (json) {
            System.out.println(SearchSummaryWriter.toJson(result, test).toPrettyString());
        } else {
            System.out.printf(Locale.ROOT, "%s search: %d trial(s), %.3f Wh, %s; best %s after %d epoch(s): "
                    + "validation %.4f, test %s%nwritten: %s%n", settings.method().label(), result.trials().size(),
                    result.totalEnergyKwh() * 1000, result.stopReason(),
                    result.best() == null ? "none" : result.best().config(),
                    result.best() == null ? 0 : result.best().epochs(),
                    result.best() == null ? 0 : result.best().validationAccuracy(),
                    test == null ? "n/a" : String.format(Locale.ROOT, "%.4f", test), summaryFile);
        }
        return 0;
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
