package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.deploy.runtime.EnergyMeter;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.ServeBenchmark;

/**
 * Serving cost of every variant, measured side by side: in each round every model runs batch 1 then batch 64
 * for a fixed time, the models in a rotating order (A B C, B C A, ...), so machine noise (CPU steal, other
 * jobs) falls on all alike. Latency percentiles pool the rounds' runs; throughput and energy per 1,000
 * inferences are medians over rounds. Inputs are real test images, which matters for early exits.
 */
final class InferenceBench {
    static final int[] BATCHES = {1, 64};

    /** @param seconds timed seconds per model, batch size and round */
    record Settings(int rounds, double seconds, int warmupRuns) {}

    private InferenceBench() {}

    static Map<String, ObjectNode> measure(Map<String, ServedModel> models, LabelledImages images, Settings s,
            int threads, EnergyMeter meter, PrintStream log) {
        List<String> names = new ArrayList<>(models.keySet());
        Map<String, Samples[]> samples = new LinkedHashMap<>();
        for (String name : names) {
            Samples[] perBatch = new Samples[BATCHES.length];
            for (int b = 0; b < BATCHES.length; b++) {
                perBatch[b] = new Samples();
                long fixed = models.get(name).fixedBatch();
                if (fixed > 0 && fixed != BATCHES[b]) {
                    perBatch[b].skipped = "batch " + BATCHES[b] + " not served: the model was exported for batch "
                            + fixed + " only";
                    log.println("bench: " + name + ": " + perBatch[b].skipped);
                    continue;
                }
                for (int i = 0; i < s.warmupRuns(); i++) {
                    models.get(name).infer(batch(images, BATCHES[b], i), BATCHES[b]);
                }
            }
            samples.put(name, perBatch);
        }
        for (int round = 0; round < s.rounds(); round++) {
            log.printf("bench: inference round %d/%d (%d models, %.1f s per batch size)%n", round + 1, s.rounds(),
                    names.size(), s.seconds());
            for (int k = 0; k < names.size(); k++) {
                String name = names.get((k + round) % names.size());
                for (int b = 0; b < BATCHES.length; b++) {
                    if (samples.get(name)[b].skipped == null) {
                        timed(models.get(name), images, BATCHES[b], s.seconds(), meter, samples.get(name)[b]);
                    }
                }
            }
        }
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (String name : names) {
            Samples b1 = samples.get(name)[0];
            Samples b64 = samples.get(name)[1];
            ObjectNode n = BenchRunner.JSON.createObjectNode();
            n.put("runtime", models.get(name).runtime());
            if (models.get(name).graphOptimization() != null) {
                n.put("graph_optimization", models.get(name).graphOptimization());
            }
            n.put("threads", threads);
            put(n, "latency_ms_b1_p50", b1.latencyPercentile(50));
            put(n, "latency_ms_b1_p90", b1.latencyPercentile(90));
            put(n, "latency_ms_b64_p50", b64.latencyPercentile(50));
            put(n, "latency_ms_b64_p90", b64.latencyPercentile(90));
            put(n, "throughput_b1", median(b1.throughputs));
            put(n, "throughput_b64", median(b64.throughputs));
            // Served in batches of 64: the figure a throughput-bound service pays per inference; a model that
            // takes batch 1 only pays its batch-1 figure.
            Samples headline = b64.skipped == null ? b64 : b1;
            put(n, "energy_kwh_per_1k", median(headline.energyPer1k));
            n.put("energy_batch", headline == b64 ? BATCHES[1] : BATCHES[0]);
            put(n, "energy_kwh_per_1k_b1", median(b1.energyPer1k));
            n.put("energy_source", headline.source);
            for (Samples skipped : samples.get(name)) {
                if (skipped.skipped != null) {
                    n.withArray("skipped").add(skipped.skipped);
                }
            }
            n.put("rounds", s.rounds());
            n.put("seconds_per_round", s.seconds());
            ObjectNode exits = models.get(name).exits();
            if (exits != null) {
                n.set("early_exit", exits); // its MACs depend on the images: averaged over those just served
            }
            out.put(name, n);
        }
        return out;
    }

    private static void timed(ServedModel model, LabelledImages images, int batch, double seconds, EnergyMeter meter,
            Samples into) {
        EnergyMeter.Section section = meter.start();
        long start = System.nanoTime();
        long limit = (long) (seconds * 1e9);
        int runs = 0;
        while (runs < 3 || System.nanoTime() - start < limit) {
            long t0 = System.nanoTime();
            model.infer(batch(images, batch, runs), batch);
            into.latencies.add(System.nanoTime() - t0);
            runs++;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        EnergyMeter.Reading energy = section.stop();
        double inferences = (double) runs * batch;
        into.throughputs.add(inferences / elapsed);
        into.energyPer1k.add(energy.kwh() / (inferences / 1000));
        into.source = energy.source();
    }

    /** A figure, or null where no run measured it (a batch size the model does not take). */
    private static void put(ObjectNode n, String field, double value) {
        if (Double.isNaN(value)) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    /** The i-th batch of consecutive test images, cycling through the set. */
    static float[] batch(LabelledImages images, int batch, int i) {
        int batches = Math.max(1, images.count() / batch);
        int from = (i % batches) * batch;
        return images.batch(from, from + batch);
    }

    static double median(List<Double> values) {
        double[] s = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length == 0 ? Double.NaN
                : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static final class Samples {
        final List<Long> latencies = new ArrayList<>();
        final List<Double> throughputs = new ArrayList<>();
        final List<Double> energyPer1k = new ArrayList<>();
        String source = "none";
        String skipped; // why this batch size was not served, or null

        double latencyPercentile(double p) {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return sorted.length == 0 ? Double.NaN : ServeBenchmark.pct(sorted, p);
        }
    }

}
