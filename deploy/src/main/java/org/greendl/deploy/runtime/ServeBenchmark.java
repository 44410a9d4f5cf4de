package org.greendl.deploy.runtime;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Latency percentiles and throughput of an ONNX model at given batch sizes, with a fixed thread count:
 * warm-up runs first, then timed runs for at least {@code minSeconds} and {@code minRuns}. Each run is one
 * {@code session.run} on a batch of seeded random inputs (speed does not depend on the values).
 */
public final class ServeBenchmark {
    /** @param threads ORT intra-op threads (0 = ORT default) */
    public record Settings(List<Integer> batches, int threads, int warmupRuns, int minRuns, double minSeconds) {
        public Settings {
            batches = List.copyOf(batches);
            if (batches.isEmpty() || batches.stream().anyMatch(b -> b <= 0)) {
                throw new IllegalArgumentException("batch sizes must be positive, got " + batches);
            }
        }

        public static Settings defaults(int threads) {
            return new Settings(List.of(1, 64), threads, 20, 50, 3.0);
        }
    }

    private ServeBenchmark() {}

    public static List<BatchResult> run(Path model, Settings settings, EnergyMeter meter) {
        List<BatchResult> results = new ArrayList<>();
        try (OnnxSession session = OnnxSession.open(model, SessionSettings.threads(settings.threads()))) {
            long[] in = session.inputShape();
            for (int batch : settings.batches()) {
                results.add(runBatch(session, in, batch, settings, meter));
            }
        }
        return results;
    }

    private static BatchResult runBatch(OnnxSession session, long[] inputShape, int batch, Settings s,
                                        EnergyMeter meter) {
        long[] shape = inputShape.clone();
        shape[0] = batch;
        for (int i = 1; i < shape.length; i++) {
            if (shape[i] <= 0) {
                throw new IllegalArgumentException(session.source() + ": model input " + Arrays.toString(inputShape)
                        + " has symbolic dimensions besides the batch");
            }
        }
        session.elements(shape); // refuses, naming the model, an input too large to allocate
        float[] data = randomInput(shape);
        for (int i = 0; i < s.warmupRuns(); i++) {
            session.runFirst(data, shape);
        }
        List<Long> nanos = new ArrayList<>();
        EnergyMeter.Section section = meter == null ? null : meter.start();
        long start = System.nanoTime();
        long minNanos = (long) (s.minSeconds() * 1e9);
        while (nanos.size() < s.minRuns() || System.nanoTime() - start < minNanos) {
            long t0 = System.nanoTime();
            session.runFirst(data, shape);
            nanos.add(System.nanoTime() - t0);
        }
        long total = System.nanoTime() - start;
        EnergyMeter.Reading energy = section == null ? null : section.stop();
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        double samples = (double) sorted.length * batch;
        return new BatchResult(batch, sorted.length, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
                samples / (total / 1e9),
                energy == null ? null : energy.kwh() / (samples / 1000.0),
                energy == null ? null : energy.source());
    }

    /** Seeded standard-normal values for a tensor of this (fully known) shape. */
    static float[] randomInput(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] data = new float[Math.toIntExact(n)];
        Random r = new Random(42);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        return data;
    }

    /** Nearest-rank percentile in milliseconds of sorted nanosecond timings. */
    public static double pct(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }
}
