package org.greendl.train.nas;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.greendl.data.spec.DataRecord;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSplits;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.unit.Energy;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.nn.zoo.Recipe;
import org.greendl.record.Kind;
import org.greendl.record.RunRecord;
import org.greendl.train.Budgets;
import org.greendl.train.OptimizerKind;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;

/**
 * Trains candidates one after another in this JVM: each a training run of its spec with the spec's untuned
 * recipe, the data's batch size and the search's seed, in {@code OUT/runs/KEY}.
 */
public final class LocalCandidateTrainer implements CandidateTrainer {
    private final DataRequest data;
    private final Integer trainLimit;
    private final InputSpec input;
    private final long seed;
    private final Path out;
    private final Function<Path, TrackerConfig> tracker;

    /**
     * @param data what candidates train on (its batch size is the training batch)
     * @param tracker the meter of a candidate's training run, given its folder
     */
    public LocalCandidateTrainer(DataRequest data, Integer trainLimit, InputSpec input, long seed, Path out,
                                 Function<Path, TrackerConfig> tracker) {
        this.data = data;
        this.trainLimit = trainLimit;
        this.input = input;
        this.seed = seed;
        this.out = out;
        this.tracker = tracker;
    }

    @Override
    public int slots() {
        return 1;
    }

    @Override
    public String engine() {
        return "local";
    }

    @Override
    public List<Trained> train(List<Candidate> batch, int epochs, Energy maxEnergyEach,
                               BiConsumer<Candidate, Trained> onResult) throws IOException {
        List<Trained> done = new ArrayList<>();
        for (Candidate c : batch) {
            Trained t = train(c, epochs, maxEnergyEach);
            onResult.accept(c, t);
            done.add(t);
        }
        return done;
    }

    private Trained train(Candidate c, int epochs, Energy maxEnergy) throws IOException {
        Path dir = out.resolve("runs").resolve(c.key());
        Files.createDirectories(dir);
        String spec = c.spec().toString();
        Recipe recipe = ModelResolver.recipe(spec);
        TrainingConfig.Builder b = TrainingConfig.builder()
                .setEpochs(epochs)
                .setBatchSize(data.options().batchSize())
                .setLearningRate(recipe.learningRate())
                .optOptimizer(OptimizerKind.parse(recipe.optimizer()))
                .optSeed(seed)
                .optTracker(tracker.apply(dir))
                .optOutputDir(dir)
                .optModelName(c.key())
                .optKind(Kind.TRAIN.id())
                .putExtra("recipe", "untuned default for model spec " + spec + " (" + recipe.describe() + ")")
                .putExtra("nas_candidate", c.key());
        if (maxEnergy != null) {
            b.optBudgets(Budgets.none().withMaxEnergy(Energy.ofKwh(Math.max(1e-12, maxEnergy.kwh()))));
        }
        DataSplits splits = data.splits(trainLimit, null);
        b.putExtra("dataset", data.spec().text())
                .putExtra(DataRecord.KEY, DataRecord.of(data, splits.provenance()).toConfigValue());
        RunRecord r;
        try (TrainingSession session = new TrainingSession(b.build())) {
            r = session.train(ModelResolver.resolve(spec, Map.of(), input).block(), splits.train(),
                    splits.validation(), null);
        }
        Double acc = r.metrics().validationAccuracy();
        return new Trained(acc == null ? 0 : acc, r.stopReason(), dir.toString(), Energy.ofKwh(r.energy().totalKwh()), host());
    }

    /** The name of this machine, as the search's records give it. */
    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
