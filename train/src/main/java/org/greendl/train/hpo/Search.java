package org.greendl.train.hpo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.greendl.meter.unit.Energy;
import org.greendl.record.StopReason;

/**
 * Runs a hyper-parameter search: grid, random, successive halving or Hyperband, with an energy budget for
 * the whole search, handed down into each trial so that a long trial stops where the budget runs out. Finished
 * trials are journalled, so a killed search resumes without re-running them, and the summary is rewritten after
 * every trial.
 */
public final class Search {
    private final SearchSpace space;
    private final SearchSettings settings;
    private final TrialRunner runner;
    private final TrialJournal journal;
    private final Consumer<SearchSummary> onProgress;
    private final List<TrialResult> trials = new ArrayList<>();
    private double spentKwh;
    private String stopReason = StopReason.COMPLETED.id();
    private int counter;
    private final java.util.Set<String> counted = new java.util.HashSet<>();

    public Search(SearchSpace space, SearchSettings settings, TrialRunner runner, TrialJournal journal,
            Consumer<SearchSummary> onProgress) {
        this.space = space;
        this.settings = settings;
        this.runner = runner;
        this.journal = journal;
        this.onProgress = onProgress;
    }

    /** Runs the search to the end or to its budget, and returns the summary (best by validation accuracy). */
    public SearchSummary run() throws Exception {
        List<Configuration> grid = Configurations.grid(space);
        try {
            switch (settings.method()) {
                case GRID -> fullBudget(grid);
                case RANDOM -> fullBudget(Configurations.sample(space, randomCount(grid.size()), settings.seed()));
                case SH -> successiveHalving(grid, rungs(space.maxEpochs()));
                case HYPERBAND -> hyperband(grid);
            }
        } catch (BudgetSpent e) {
            stopReason = "energy-budget";
        }
        return summary();
    }

    private int randomCount(int gridSize) {
        return settings.randomSamples() > 0 ? settings.randomSamples() : Math.max(1, gridSize / 3);
    }

    private void fullBudget(List<Configuration> configs) throws Exception {
        runRung(configs, space.maxEpochs(), List.of());
    }

    /** The rung budgets from the lowest to max epochs, each eta times the one before. */
    List<Integer> rungs(int maxEpochs) {
        List<Integer> r = new ArrayList<>();
        for (double e = maxEpochs; e >= settings.minEpochs(); e /= settings.eta()) {
            r.add(0, (int) Math.round(e));
        }
        return r;
    }

    private void successiveHalving(List<Configuration> configs, List<Integer> rungBudgets) throws Exception {
        List<Configuration> alive = new ArrayList<>(configs);
        List<TrialResult> previous = new ArrayList<>();
        for (int rung = 0; rung < rungBudgets.size() && !alive.isEmpty(); rung++) {
            List<TrialResult> results = runRung(alive, rungBudgets.get(rung), previous);
            if (rung == rungBudgets.size() - 1) {
                break;
            }
            int keep = Math.max(1, alive.size() / settings.eta());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < results.size(); i++) {
                order.add(i);
            }
            // Best validation accuracy first; ties keep the space's order so reruns choose the same trials.
            order.sort(Comparator.comparingDouble((Integer i) -> -results.get(i).validationAccuracy())
                    .thenComparingInt(i -> i));
            List<Configuration> next = new ArrayList<>();
            previous = new ArrayList<>();
            for (int i : order.subList(0, keep)) {
                next.add(alive.get(i));
                previous.add(results.get(i));
            }
            alive = next;
        }
    }

    private void hyperband(List<Configuration> grid) throws Exception {
        List<Integer> all = rungs(space.maxEpochs());
        int sMax = all.size() - 1;
        java.util.Random rnd = new java.util.Random(settings.seed());
        for (int s = sMax; s >= 0; s--) {
            int n = (int) Math.ceil((double) (sMax + 1) / (s + 1) * Math.pow(settings.eta(), s));
            List<Configuration> shuffled = new ArrayList<>(grid);
            java.util.Collections.shuffle(shuffled, rnd);
            successiveHalving(shuffled.subList(0, Math.min(n, shuffled.size())), all.subList(sMax - s, all.size()));
        }
    }

    /**
     * Runs one rung: {@code configs} at {@code epochs} each (continuing from {@code previous}, by position, where
     * given), and returns their results in order. Without a budget the trials the journal does not hold go to the
     * runner together, so a parallel runner runs them at once; with one they go one at a time, each handed only
     * what is left of the budget.
     */
    private List<TrialResult> runRung(List<Configuration> configs, int epochs, List<TrialResult> previous)
            throws Exception {
        List<Trial> batch = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            batch.add(new Trial(String.format("t%03d", ++counter), configs.get(i), epochs,
                    previous.isEmpty() ? null : previous.get(i)));
        }
        List<TrialResult> results = new ArrayList<>();
        if (settings.maxEnergy() != null) {
            for (Trial t : batch) {
                results.add(runWithinBudget(t));
            }
            return results;
        }
        java.util.Map<String, TrialResult> byKey = new java.util.HashMap<>();
        List<Trial> pending = new ArrayList<>();
        java.util.Set<String> pendingKeys = new java.util.HashSet<>();
        for (Trial t : batch) {
            TrialResult r = journal.find(t);
            if (r != null) {
                byKey.put(t.key(), r);
                record(t, r);
            } else if (pendingKeys.add(t.key())) {
                pending.add(t);
            }
        }
        if (!pending.isEmpty()) {
            List<TrialResult> ran = runner.runAll(pending, null, (t, r) -> {
                journal.append(t, r);
                record(t, r);
            });
            for (int i = 0; i < pending.size(); i++) {
                byKey.put(pending.get(i).key(), ran.get(i));
            }
        }
        for (Trial t : batch) {
            results.add(byKey.get(t.key()));
        }
        return results;
    }

    private TrialResult runWithinBudget(Trial trial) throws Exception {
        TrialResult r = journal.find(trial);
        if (r == null) {
            double maxKwh = settings.maxEnergy().kwh();
            if (spentKwh >= maxKwh) {
                throw new BudgetSpent();
            }
            // The budget is checked inside the trial too (after every batch for training), so one long trial
            // cannot overshoot it; only what is left of it is handed down.
            Energy left = Energy.ofKwh(maxKwh - spentKwh);
            r = runner.runAll(List.of(trial), left, (t, done) -> journal.append(t, done)).get(0);
            if (trials.isEmpty() && !r.stoppedByBudget() && r.energyKwh() > maxKwh) {
                counted.add(trial.key());
                trials.add(r);
                spentKwh += r.energyKwh();
                onProgress.accept(summary());
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                        "the energy budget (%.4f Wh) is smaller than one trial (the first took %.4f Wh); "
                                + "raise --max-energy-wh", maxKwh * 1000, r.energyKwh() * 1000));
            }
        }
        record(trial, r);
        return r;
    }

    /** Counts a finished trial into the summary (once: Hyperband may pick a configuration again at a budget it
     * already ran) and reports progress; a trial the budget stopped ends the search. */
    private void record(Trial trial, TrialResult r) {
        if (counted.add(trial.key())) {
            trials.add(r);
            spentKwh += r.energyKwh();
            onProgress.accept(summary());
        }
        if (r.stoppedByBudget()) {
            throw new BudgetSpent();
        }
    }

    private SearchSummary summary() {
        TrialResult best = trials.stream()
                .max(Comparator.comparingDouble(TrialResult::validationAccuracy)
                        .thenComparingInt(TrialResult::epochs))
                .orElse(null);
        return new SearchSummary(settings.method().label(), space, List.copyOf(trials), best, spentKwh, stopReason);
    }

    /** Thrown inside the search when the energy budget is spent; the search then stops cleanly. */
    private static final class BudgetSpent extends RuntimeException {
        BudgetSpent() {
            super(null, null, false, false);
        }
    }
}
