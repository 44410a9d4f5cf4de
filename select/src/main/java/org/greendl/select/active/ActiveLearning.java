package org.greendl.select.active;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.function.Consumer;
import org.greendl.select.EnergyClock;
import org.greendl.select.ImageSet;
import org.greendl.select.Learner;
import org.greendl.select.LearningRates;
import org.greendl.select.Shuffle;

/**
 * The pool-based active-learning loop: label an initial random set, then per round train, measure on the test
 * set, score the unlabelled pool and query the next batch. After every step the {@link PoolState} is saved
 * atomically, so a killed loop resumes where it stopped; the energy of choosing queries is measured apart and
 * included in the curve's cumulative energy.
 */
public final class ActiveLearning {
    private final ActiveLearningSettings settings;
    private final ImageSet train;
    private final ImageSet test;
    private final int[] testIds;
    private final LabelSource labels;
    private final EnergyClock clock;
    private final Path stateFile;
    private final Consumer<String> log;

    public ActiveLearning(ActiveLearningSettings settings, ImageSet train, ImageSet test, int[] testIds,
            LabelSource labels, EnergyClock clock, Path stateFile, Consumer<String> log) {
        this.settings = settings;
        this.train = train;
        this.test = test;
        this.testIds = testIds;
        this.labels = labels;
        this.clock = clock;
        this.stateFile = stateFile;
        this.log = log == null ? s -> { } : log;
    }

    /** Told about every measured round. */
    @FunctionalInterface
    public interface RoundListener {
        void measured(PoolState saved) throws IOException;
    }

    /** How a session ended. */
    public enum Outcome { COMPLETED, WAITING_FOR_LABELS }

    /** The state after the session, and why it stopped. */
    public record Result(PoolState state, Outcome outcome) {}

    /** A seeded random pool of {@code size} ids from {@code 0..total-1} (all when size is 0 or too large). */
    public static int[] pool(int total, int size, long seed) {
        int[] all = new int[total];
        for (int i = 0; i < total; i++) {
            all[i] = i;
        }
        if (size <= 0 || size >= total) {
            return all;
        }
        int[] shuffled = Shuffle.copy(all, new Random(seed ^ 0x9e3779b97f4a7c15L));
        int[] out = java.util.Arrays.copyOf(shuffled, size);
        java.util.Arrays.sort(out);
        return out;
    }

    /** Runs (or resumes) the loop from {@code state} until all rounds are measured or labels are missing. */
    public Result run(PoolState start) throws IOException {
        return run(start, s -> { });
    }

    /**
     * As {@link #run(PoolState)}, calling {@code afterRound} with the saved state after every measured round (the
     * command line rewrites run.json there, so a killed run leaves its partial curve).
     */
    public Result run(PoolState start, RoundListener afterRound) throws IOException {
        settings.checkPool(start.pool().length);
        QueryStrategy strategy = Strategies.byName(settings.strategy());
        long t0 = System.nanoTime();
        double e0 = clock.total().kwh();
        double baseEnergy = start.priorEnergyKwh();
        double baseSelection = start.priorSelectionKwh();
        double baseWall = start.priorWallS();
        double selection = 0;
        PoolState state = start;
        Learner learner = null;
        Path warmDir = stateFile.resolveSibling("learner");
        try {
            while (true) {
                if (state.hasPending()) {
                    var got = labels.labels(state.round(), state.pending());
                    if (got == null) {
                        log.accept("round " + state.round() + ": " + state.pending().length
                                + " queries exported; waiting for labels");
                        return new Result(state, Outcome.WAITING_FOR_LABELS);
                    }
                    state = state.withLabels(got, train.classes());
                    state = save(state, baseEnergy + clock.total().kwh() - e0, baseSelection + selection,
                            baseWall + seconds(t0));
                }
                if (!state.labelled().isEmpty() && !state.roundMeasured()) {
                    if (learner == null || !settings.warmStart()) {
                        if (learner != null) {
                            learner.close();
                        }
                        learner = Learner.create(settings.model(), train,
                                LearningRates.of(settings.lrSchedule(), settings.learningRate(),
                                        settings.stepsPerRound(state.labelled().size())), settings.seed());
                        if (settings.warmStart() && !state.curve().isEmpty() && Files.isDirectory(warmDir)) {
                            learner.load(warmDir); // resuming a warm-started loop
                        }
                    }
                    int[] ids = state.labelledIdArray();
                    if (settings.steps() > 0) {
                        learner.trainEpoch(train, stepsOrder(ids, settings.steps(), state.round()),
                                settings.batchSize(), null);
                    } else {
                        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
                            Random r = new Random(settings.seed() * 1_000_003L + state.round() * 1_009L + epoch);
                            learner.trainEpoch(train, Shuffle.copy(ids, r), settings.batchSize(), null);
                        }
                    }
                    double accuracy = learner.accuracy(test, testIds, Math.max(256, settings.batchSize()));
                    // Saved every round: a resumed loop queries with it, and a warm start continues from it.
                    learner.save(warmDir);
                    CurvePoint p = new CurvePoint(state.round(), ids.length, accuracy,
                            baseEnergy + clock.total().kwh() - e0, baseSelection + selection, baseWall + seconds(t0));
                    log.accept(String.format("round %d: %d labels, test accuracy %.4f, %.4f Wh so far",
                            p.round(), p.labels(), p.testAccuracy(), 1000 * p.energyKwh()));
                    state = state.withCurvePoint(p);
                    state = save(state, p.energyKwh(), p.selectionKwh(), p.wallS());
                    afterRound.measured(state);
                }
                if (!state.labelled().isEmpty() && state.round() >= settings.rounds()) {
                    return new Result(state, Outcome.COMPLETED);
                }
                int[] query;
                if (state.labelled().isEmpty()) {
                    query = initialQuery(state);
                } else {
                    double s0 = clock.total().kwh();
                    if (learner == null && strategy.needs() != QueryStrategy.Needs.NOTHING) {
                        learner = savedLearner(warmDir);
                    }
                    query = chooseQuery(state, strategy, learner);
                    selection += clock.total().kwh() - s0;
                }
                state = state.withQuery(query);
                state = save(state, baseEnergy + clock.total().kwh() - e0, baseSelection + selection,
                        baseWall + seconds(t0));
            }
        } finally {
            if (learner != null) {
                learner.close();
            }
        }
    }

    /**
     * Exactly {@code steps} full batches: reshuffled passes over {@code ids} (each seeded like an epoch), the last
     * one cut where the budget ends.
     */
    private int[] stepsOrder(int[] ids, int steps, int round) {
        int[] order = new int[steps * settings.batchSize()];
        int filled = 0;
        for (int pass = 0; filled < order.length; pass++) {
            Random r = new Random(settings.seed() * 1_000_003L + round * 1_009L + pass);
            int[] shuffled = Shuffle.copy(ids, r);
            int n = Math.min(shuffled.length, order.length - filled);
            System.arraycopy(shuffled, 0, order, filled, n);
            filled += n;
        }
        return order;
    }

    /** The model of the last measured round, saved beside the state (a resumed session queries with it). */
    private Learner savedLearner(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot resume the query: the model of the last round is "
                    + "missing (" + dir + ")");
        }
        Learner l = Learner.create(settings.model(), train, settings.learningRate(), settings.seed());
        try {
            l.load(dir);
            return l;
        } catch (IOException | RuntimeException e) {
            l.close();
            throw e;
        }
    }

    private int[] initialQuery(PoolState state) {
        int[] free = state.unlabelled();
        QueryStrategy.checkSize(settings.initial(), free.length);
        int[] picked = Strategies.byName("random").select(QueryInputs.ofCount(free.length), settings.initial(),
                new Random(settings.seed()));
        return map(picked, free);
    }

    private int[] chooseQuery(PoolState state, QueryStrategy strategy, Learner learner) {
        int[] free = state.unlabelled();
        QueryStrategy.checkSize(settings.query(), free.length);
        Random random = new Random(settings.seed() * 7_919L + state.round());
        int[] candidates = free;
        if (settings.candidates() > 0 && settings.candidates() < free.length) {
            candidates = java.util.Arrays.copyOf(Shuffle.copy(free, random), Math.max(settings.candidates(),
                    settings.query()));
        }
        int batch = Math.max(256, settings.batchSize());
        QueryInputs inputs = switch (strategy.needs()) {
            case NOTHING -> QueryInputs.ofCount(candidates.length);
            case PROBABILITIES -> QueryInputs.ofProbabilities(
                    learner.predict(train, candidates, false, batch).probabilities());
            case STOCHASTIC_PASSES -> {
                Learner.Head head = learner.head();
                float[][] features = learner.predict(train, candidates, true, batch).features();
                yield QueryInputs.ofPasses(LastLayerDropout.passes(features, head.weight(), head.bias(),
                        settings.mcDropoutRate(), settings.mcPasses(), settings.seed() + state.round()));
            }
            case EMBEDDINGS -> QueryInputs.ofEmbeddings(
                    learner.predict(train, candidates, true, batch).features(),
                    learner.predict(train, state.labelledIdArray(), true, batch).features());
        };
        return map(strategy.select(inputs, settings.query(), random), candidates);
    }

    private PoolState save(PoolState s, double energyKwh, double selectionKwh, double wallS) throws IOException {
        PoolState withTotals = s.withPrior(energyKwh, selectionKwh, wallS);
        PoolStates.save(stateFile, withTotals);
        return withTotals;
    }

    private static int[] map(int[] positions, int[] ids) {
        int[] out = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            out[i] = ids[positions[i]];
        }
        return out;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
