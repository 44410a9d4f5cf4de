package org.greendl.train.nas;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.greendl.meter.unit.Energy;

/**
 * What trains a search's candidates: here, one after another ({@link LocalCandidateTrainer}), or elsewhere, several
 * at once (greendl-spark's {@code SparkCandidateTrainer}). The search proposes {@link #slots()} candidates at a
 * time and measures their cost itself, on its own machine; the trainer only trains.
 */
public interface CandidateTrainer {
    /** A candidate to train: its id in the search, its architecture's key, its model spec file. */
    record Candidate(String id, String key, Path spec) {}

    /**
     * A trained candidate.
     *
     * @param stopReason the training run's stop reason ({@code energy-budget} when the budget stopped it)
     * @param energy what the training run read
     * @param host the machine it trained on
     */
    record Trained(double validationAccuracy, String stopReason, String runDir, Energy energy, String host) {}

    /**
     * The training energy of some trained candidates.
     *
     * @param perHost each host's energy, its machine counted once
     * @param shares each candidate's share, by run folder (its own reading where readings do not overlap)
     * @param total the hosts' sum
     * @param counting how the figures were counted, in words
     */
    record TrainingEnergy(Map<String, Energy> perHost, Map<String, Energy> shares, Energy total, String counting) {}

    /** Candidates it trains at once: the batch the search proposes (1: one after another). */
    int slots();

    /** The engine's name in the record ({@code local}, {@code spark}). */
    String engine();

    /**
     * Trains each candidate of {@code batch} for {@code epochs} epochs, each stopped once it has spent
     * {@code maxEnergyEach} (null: no limit), handing each result to {@code onResult} on the calling thread as
     * it finishes (so the search journals it before the others end); returns the results in {@code batch}'s order.
     */
    List<Trained> train(List<Candidate> batch, int epochs, Energy maxEnergyEach,
                        BiConsumer<Candidate, Trained> onResult) throws Exception;

    /**
     * Every unsuccessful training attempt so far (where the trainer retries, as Spark does: each with its
     * candidate, host and reason), for the record a failed search leaves; null where it keeps none.
     */
    default ArrayNode failedAttempts() {
        return null;
    }

    /**
     * The energy of {@code trained} per host. This default adds the readings by host, right where no two
     * candidates trained at once on one machine.
     */
    default TrainingEnergy energy(List<Trained> trained) {
        Map<String, Energy> hosts = new LinkedHashMap<>();
        Map<String, Energy> shares = new LinkedHashMap<>();
        Energy total = Energy.ZERO;
        for (Trained t : trained) {
            hosts.merge(t.host(), t.energy(), Energy::plus);
            shares.put(t.runDir(), t.energy());
            total = total.plus(t.energy());
        }
        return new TrainingEnergy(hosts, shares, total, "each candidate's reading, added by host (one at a time)");
    }
}
