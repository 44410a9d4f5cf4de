package org.greendl.train.nas;

import org.greendl.meter.unit.Energy;

/**
 * How a search runs.
 *
 * @param method random, evolution or supernet
 * @param candidates how many architectures are trained and measured (supernet: evaluated with the shared weights)
 * @param epochs training epochs of each candidate
 * @param population evolution: the population (the last P candidates; older ones age out)
 * @param sample evolution: how many of the population a tournament draws; the best of them is the parent
 * @param seed the sampling, mutation, data order and weights
 * @param maxEnergy the search's own energy budget (training and measuring), or null
 * @param referenceEnergyMj the hypervolume's reference energy per inference (mJ), or null for 1.1 x the largest
 * @param ortThreads ONNX Runtime intra-op threads for the latency and energy measurements
 * @param maxLatencyMs the deployment's latency limit at batch 1 (ms), or null: an architecture the latency table
 *                     predicts above it is never trained
 * @param halving successive halving over epochs, or null: every candidate trains {@code epochs}
 */
public record NasSettings(Method method, int candidates, int epochs, int population, int sample, long seed,
                          Energy maxEnergy, Double referenceEnergyMj, int ortThreads, Double maxLatencyMs,
                          Halving halving) {
    /** Settings without a latency limit or successive halving. */
    public NasSettings(Method method, int candidates, int epochs, int population, int sample, long seed,
                       Energy maxEnergy, Double referenceEnergyMj, int ortThreads) {
        this(method, candidates, epochs, population, sample, seed, maxEnergy, referenceEnergyMj, ortThreads, null, null);
    }

    /** Settings without successive halving. */
    public NasSettings(Method method, int candidates, int epochs, int population, int sample, long seed,
                       Energy maxEnergy, Double referenceEnergyMj, int ortThreads, Double maxLatencyMs) {
        this(method, candidates, epochs, population, sample, seed, maxEnergy, referenceEnergyMj, ortThreads,
                maxLatencyMs, null);
    }

    /** The search methods. */
    public enum Method {
        RANDOM, EVOLUTION, SUPERNET;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Method parse(String s) {
            for (Method m : values()) {
                if (m.label().equals(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("--method: unknown nas method '" + s + "' (known: random, evolution, supernet)");
        }
    }

    public NasSettings {
        if (method == null) {
            throw new IllegalArgumentException("--method: missing (random, evolution or supernet)");
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("--candidates must be at least 1, got " + candidates);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
        }
        if (population < 2) {
            throw new IllegalArgumentException("--population must be at least 2, got " + population);
        }
        if (sample < 1 || sample > population) {
            throw new IllegalArgumentException("--sample must be in [1, --population " + population + "], got " + sample);
        }
        if (maxEnergy != null && !(maxEnergy.joules() > 0)) {
            throw new IllegalArgumentException("--max-energy-wh: the energy budget must be positive, got "
                    + maxEnergy.wh() + " Wh");
        }
        if (referenceEnergyMj != null && !(referenceEnergyMj > 0)) {
            throw new IllegalArgumentException("--reference-energy-mj must be positive, got " + referenceEnergyMj);
        }
        if (maxLatencyMs != null && !(maxLatencyMs > 0)) {
            throw new IllegalArgumentException("--max-latency-ms must be positive, got " + maxLatencyMs);
        }
        if (method == Method.SUPERNET && maxLatencyMs != null) {
            throw new IllegalArgumentException("--max-latency-ms: not used by the supernet method (it evaluates"
                    + " sub-networks without training them; use random or evolution)");
        }
        if (halving != null && method == Method.SUPERNET) {
            throw new IllegalArgumentException("--halving: not used by the supernet method (use random or evolution)");
        }
        if (halving != null && halving.minEpochs() >= epochs) {
            throw new IllegalArgumentException("--min-epochs " + halving.minEpochs() + " must be below --epochs "
                    + epochs + " (the first rung of successive halving is shorter than a full training)");
        }
        if (ortThreads < 1) {
            throw new IllegalArgumentException("ONNX Runtime threads must be at least 1, got " + ortThreads);
        }
    }
}
