package org.greendl.train.nas;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.greendl.data.spec.DataSplits;
import org.greendl.deploy.runtime.TrackerEnergyMeter;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.unit.Energy;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.record.AtomicFiles;

/**
 * Refuses, before any training, an energy budget smaller than the space's cheapest candidate. The cheapest
 * architecture (every choice at its smallest: cost grows with each of them) is measured like any candidate; its
 * training is estimated as 3 x its forward energy at batch 64 (forward, backward and update) per training example
 * and epoch, plus one forward per validation example and epoch. Both figures are the meter's, so an estimate
 * wherever the meter estimates; the estimate leaves out the training framework's own overhead, so it errs low and
 * a budget it lets through may still stop the search after its first candidate.
 */
final class BudgetCheck {
    /** Training a network costs about three forward passes per example: forward, the backward pass, the update. */
    static final double TRAIN_FORWARDS = 3.0;

    private BudgetCheck() {}

    /** A budget smaller than one candidate; the message is one line. */
    static final class TooSmall extends IllegalArgumentException {
        TooSmall(String message) {
            super(message);
        }
    }

    /** The file that keeps the check, so a resumed search neither measures it again nor forgets its energy. */
    static final String FILE = "budget-check.json";

    /**
     * The check of a search with an energy budget: read back from {@code OUT/budget-check.json} when an earlier run
     * made it, else made now when {@code fresh} (nothing trained yet) and saved, else null (a search begun without a
     * budget is not checked halfway). A check made now has {@code "resumed": false}: its measuring is this run's.
     */
    static ObjectNode checkOrResume(NasSpace space, InputSpec input, DataSplits splits, int epochs, Energy budget,
                                    Path out, LatencyTable lut, TrackerConfig measuring, int ortThreads,
                                    boolean fresh) throws IOException {
        Path file = out.resolve(FILE);
        if (Files.isRegularFile(file)) {
            ObjectNode r = (ObjectNode) NasSpace.JSON.readTree(file.toFile());
            r.put("resumed", true);
            return r;
        }
        if (budget == null || !fresh) {
            return null;
        }
        ObjectNode r = check(space, input, splits, epochs, budget, out, lut, measuring, ortThreads);
        lut.save();
        AtomicFiles.writeString(file, NasSpace.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n");
        r.put("resumed", false);
        return r;
    }

    /**
     * Measures the cheapest candidate and returns the estimate (written into the record); throws {@link TooSmall}
     * when {@code budget} is below it.
     *
     * @param epochs the epochs a candidate trains (supernet: all phases, each at least the cheapest network's cost)
     */
    static ObjectNode check(NasSpace space, InputSpec input, DataSplits splits, int epochs, Energy budget, Path out,
                            LatencyTable lut, TrackerConfig measuring, int ortThreads) throws IOException {
        int[] g = space.cheapest();
        ObjectNode e = NasSpace.JSON.createObjectNode();
        double measureKwh;
        try (TrackerEnergyMeter meter = new TrackerEnergyMeter(measuring)) {
            measureKwh = NasSearch.measureCost(e, space.spec(g, input.shape().getShape(), input.classes()), g, space,
                    input, out, lut, meter, ortThreads);
        }
        double perExampleKwh = e.at("/energy_per_inference_mj/batch_64").asDouble() / NasSearch.MJ_PER_KWH;
        long train = splits.train().size();
        long validation = splits.validation() == null ? 0 : splits.validation().size();
        double trainKwh = epochs * (TRAIN_FORWARDS * train + validation) * perExampleKwh;
        double total = measureKwh + trainKwh;
        ObjectNode r = NasSpace.JSON.createObjectNode();
        r.put("cheapest", space.key(g));
        r.put("measuring_kwh", measureKwh);
        r.put("training_estimate_kwh", trainKwh);
        r.put("candidate_estimate_kwh", total);
        r.put("energy_source", e.at("/energy_per_inference_mj/source").asText());
        r.put("how", String.format(Locale.ROOT, "an estimate: the cheapest architecture measured (%s), its training"
                + " as %.0f x its forward energy at batch 64 per training example and epoch (%d examples, %d epochs)"
                + " plus one forward per validation example (%d)", e.at("/energy_per_inference_mj/source").asText(),
                TRAIN_FORWARDS, train, epochs, validation));
        if (budget.kwh() < total) {
            throw new TooSmall(String.format(Locale.ROOT, "--max-energy-wh %.4g: smaller than one candidate: the"
                            + " cheapest architecture of the space, %s, is estimated at %.4g Wh (measuring it %.4g Wh, the"
                            + " meter's %s; training %.4g Wh, estimated from its forward energy at batch 64); nothing"
                            + " was trained", budget.wh(), space.key(g), total * 1000, measureKwh * 1000,
                    e.at("/energy_per_inference_mj/source").asText(), trainKwh * 1000));
        }
        return r;
    }
}
