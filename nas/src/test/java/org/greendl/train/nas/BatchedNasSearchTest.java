package org.greendl.train.nas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import javax.imageio.ImageIO;
import org.greendl.data.spec.DataOptions;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;
import org.greendl.meter.unit.Energy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search with a trainer that trains several candidates at once: batches, records, journal. */
class BatchedNasSearchTest {
    @TempDir Path tmp;

    static final String SPACE = "{\"family\": \"mobilenet\", \"stem_width\": [8], \"stages\": ["
            + "{\"depth\": [1], \"width\": [8, 16], \"kernel\": [3, 5], \"expansion\": [2], \"se\": [false, true], \"stride\": 2}"
            + "], \"head_width\": [16]}";

    /**
     * Trains nothing: an accuracy from the key, a reading per candidate, two hosts; its energy per host counts
     * half the readings, as overlapping trainings on one machine would.
     */
    static final class FakeTrainer implements CandidateTrainer {
        final List<List<String>> batches = new ArrayList<>();
        /** The key of a candidate whose training fails, or null. */
        String failing;

        @Override
        public int slots() {
            return 3;
        }

        @Override
        public String engine() {
            return "fake";
        }

        @Override
        public List<Trained> train(List<Candidate> batch, int epochs, Energy maxEnergyEach,
                                   BiConsumer<Candidate, Trained> onResult) {
            List<String> keys = new ArrayList<>();
            List<Trained> done = new ArrayList<>();
            for (Candidate c : batch) {
                if (c.key().equals(failing)) {
                    throw new IllegalStateException("trial " + c.id() + " failed on host0: out of memory");
                }
                keys.add(c.key());
                Trained t = new Trained((Math.abs(c.key().hashCode()) % 90) / 100.0, "completed",
                        "runs/" + c.key(), Energy.ofKwh(2e-6), "host" + (c.key().length() % 2));
                onResult.accept(c, t);
                done.add(t);
            }
            batches.add(keys);
            return done;
        }

        @Override
        public TrainingEnergy energy(List<Trained> trained) {
            Map<String, Energy> hosts = new LinkedHashMap<>();
            Map<String, Energy> shares = new LinkedHashMap<>();
            Energy total = Energy.ZERO;
            for (Trained t : trained) {
                Energy half = t.energy().times(0.5);
                hosts.merge(t.host(), half, Energy::plus);
                shares.put(t.runDir(), half);
                total = total.plus(half);
            }
            return new TrainingEnergy(hosts, shares, total, "half of each reading");
        }
    }

    private Path folder() throws IOException {
        Path root = tmp.resolve("bands");
        Random r = new Random(1);
        for (int c = 0; c < 3; c++) {
            Files.createDirectories(root.resolve("class" + c));
            for (int i = 0; i < 12; i++) {
                BufferedImage im = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        im.getRaster().setSample(x, y, 0, (y / 3 == c ? 200 : 30) + r.nextInt(40));
                    }
                }
                ImageIO.write(im, "png", root.resolve("class" + c).resolve(i + ".png").toFile());
            }
        }
        return root;
    }

    private static TrackerConfig meter(Path dir) {
        return TrackerConfig.builder().optOutputDir(dir).optShutdownHook(false).optGpu(false)
                .optTrackingMode(TrackingMode.PROCESS).build();
    }

    private JsonNode search(DataRequest request, Path out, FakeTrainer trainer) throws IOException {
        return search(request, out, trainer, 7);
    }

    private JsonNode search(DataRequest request, Path out, FakeTrainer trainer, int candidates) throws IOException {
        NasSettings settings = new NasSettings(NasSettings.Method.EVOLUTION, candidates, 1, 3, 2, 5, null, 1.0, 1);
        return new NasSearch(NasSpace.parse(SPACE), settings, request, null, out, BatchedNasSearchTest::meter,
                meter(null)).optTrainer(trainer).run(r -> {});
    }

    @Test
    void evolutionProposesABatchPerRoundRecordsHostsAndResumesFromTheJournal() throws IOException {
        DataRequest request = new DataRequest(DataSpec.parse("folder:" + folder()),
                DataOptions.defaults().withCacheDir(tmp.resolve("cache")).withBatchSize(8));
        Path out = tmp.resolve("out");
        FakeTrainer trainer = new FakeTrainer();
        JsonNode rec = search(request, out, trainer);

        // 7 candidates, 3 at a time: rounds of 3, 3, 1; the first random (the population of 3 not yet full), the
        // next ones children of the first round's winners, none twice.
        assertEquals(List.of(3, 3, 1), trainer.batches.stream().map(List::size).toList(), trainer.batches.toString());
        assertEquals("fake", rec.get("engine").asText());
        assertEquals(3, rec.get("trained_at_once").asInt());
        List<String> keys = new ArrayList<>();
        Set<String> hosts = new HashSet<>();
        for (JsonNode c : rec.get("candidates")) {
            keys.add(c.get("key").asText());
            hosts.add(c.get("host").asText());
            assertEquals("fake", c.get("engine").asText());
            assertEquals(1e-6, c.get("train_energy_share_kwh").asDouble(), 1e-15, c.toString());
            assertTrue(c.get("measure_energy_kwh").asDouble() > 0, "measured here: " + c);
        }
        assertEquals(7, new HashSet<>(keys).size(), keys.toString());
        List<String> proposed = new ArrayList<>();
        trainer.batches.forEach(proposed::addAll);
        assertEquals(proposed, keys, "the record lists candidates in the order they were proposed");
        assertEquals(2, hosts.size(), hosts.toString());
        // Training as the trainer counts it (half the readings), measuring as read; per host they add up to the total.
        JsonNode en = rec.get("energy");
        assertEquals(7e-6, en.get("training_kwh").asDouble(), 1e-15);
        assertEquals(14e-6, en.get("training_readings_sum_kwh").asDouble(), 1e-15);
        assertEquals(en.get("search_kwh").asDouble(), en.get("training_kwh").asDouble() + en.get("measuring_kwh").asDouble(),
                1e-15);
        double perHost = 0;
        for (JsonNode h : en.get("per_host")) {
            perHost += h.asDouble();
        }
        assertEquals(en.get("search_kwh").asDouble(), perHost, 1e-15);
        assertFalse(rec.get("pareto_front").isEmpty());

        // Rerun: every candidate from the journal, none trained.
        FakeTrainer again = new FakeTrainer();
        JsonNode rerun = search(request, out, again);
        assertTrue(again.batches.isEmpty(), again.batches.toString());
        List<String> keys2 = new ArrayList<>();
        rerun.get("candidates").forEach(c -> keys2.add(c.get("key").asText()));
        assertEquals(keys, keys2);
        assertEquals(rec.at("/energy/search_kwh").asDouble(), rerun.at("/energy/search_kwh").asDouble(), 1e-15);

        // Killed in the middle of the second round (its last candidate not journalled): only that one trains again.
        Path journal = out.resolve("candidates.jsonl");
        List<String> lines = Files.readAllLines(journal);
        Files.write(journal, List.of(lines.get(0), lines.get(1), lines.get(2), lines.get(3), lines.get(4)));
        FakeTrainer resumed = new FakeTrainer();
        JsonNode after = search(request, out, resumed);
        // (The last round's child may differ from the first run's: its parent's tournament sees the re-measured
        // energy of the candidate trained again.)
        assertEquals(2, resumed.batches.size(), resumed.batches.toString());
        assertEquals(List.of(keys.get(5)), resumed.batches.get(0));
        assertEquals(1, resumed.batches.get(1).size());
        List<String> keys3 = new ArrayList<>();
        after.get("candidates").forEach(c -> keys3.add(c.get("key").asText()));
        assertEquals(keys.subList(0, 6), keys3.subList(0, 6));
        assertEquals(7, after.get("candidates").size());
    }

    @Test
    void aFailedTrainingLeavesARecordSayingSoAndTheFinishedOnesJournalled() throws IOException {
        DataRequest request = new DataRequest(DataSpec.parse("folder:" + folder()),
                DataOptions.defaults().withCacheDir(tmp.resolve("cache")).withBatchSize(8));
        Path out = tmp.resolve("out");
        FakeTrainer first = new FakeTrainer();
        JsonNode done = search(request, out, first, 3);
        String second = done.get("candidates").get(1).get("key").asText();
        Path other = tmp.resolve("failing");
        FakeTrainer failing = new FakeTrainer();
        failing.failing = second;
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> search(request, other, failing, 3));
        assertTrue(e.getMessage().contains("out of memory"), e.getMessage());
        JsonNode rec = NasSpace.JSON.readTree(other.resolve("nas.json").toFile());
        assertEquals("failed", rec.get("stop_reason").asText());
        assertTrue(rec.get("failure").asText().contains("trial c002 failed on host0"), rec.toString());
        assertEquals(1, Files.readAllLines(other.resolve("candidates.jsonl")).size(), "the first one finished");
        // Rerun: the journalled one is not trained again.
        FakeTrainer rerun = new FakeTrainer();
        search(request, other, rerun, 3);
        assertFalse(rerun.batches.get(0).contains(done.get("candidates").get(0).get("key").asText()), rerun.batches.toString());
        assertEquals(List.of(second, done.get("candidates").get(2).get("key").asText()), rerun.batches.get(0));
    }

    @Test
    void underALatencyLimitOnlyArchitecturesPredictedWithinItTrain() throws IOException {
        DataRequest request = new DataRequest(DataSpec.parse("folder:" + folder()),
                DataOptions.defaults().withCacheDir(tmp.resolve("cache")).withBatchSize(8));
        Path out = tmp.resolve("limited");
        Files.createDirectories(out.resolve("candidates"));
        NasSpace space = NasSpace.parse(SPACE);
        NasSettings plain = new NasSettings(NasSettings.Method.RANDOM, 8, 1, 3, 2, 5, null, 1.0, 1);
        NasSearch probe = new NasSearch(space, plain, request, null, out, BatchedNasSearchTest::meter, meter(null));
        // The search's own table (same folder, same timing settings): its predictions are the ones it will use.
        LatencyTable lut = new LatencyTable(out, new org.greendl.deploy.runtime.ServeBenchmark.Settings(List.of(1), 1, 5, 20, 0.1));
        LatencyLimit all = new LatencyLimit(1e9, space, probe.input(), lut);
        List<Double> predicted = new ArrayList<>();
        Map<String, Double> byKey = new LinkedHashMap<>();
        try (var m = new org.greendl.deploy.runtime.TrackerEnergyMeter(meter(null))) {
            for (int w = 0; w < 2; w++) {
                for (int k = 0; k < 2; k++) {
                    for (int se = 0; se < 2; se++) {
                        int[] g = {0, 0, w, k, 0, se, 0, 0};
                        double ms = all.predictedMs(g, m);
                        predicted.add(ms);
                        byKey.put(space.key(g), ms);
                    }
                }
            }
        }
        List<Double> sorted = predicted.stream().sorted().toList();
        double limit = (sorted.get(3) + sorted.get(4)) / 2; // half the space's 8 architectures fit
        NasSettings limited = new NasSettings(NasSettings.Method.RANDOM, 8, 1, 3, 2, 5, null, 1.0, 1, limit);
        FakeTrainer trainer = new FakeTrainer();
        JsonNode rec = new NasSearch(space, limited, request, null, out, BatchedNasSearchTest::meter, meter(null))
                .optTrainer(trainer).run(r -> {});
        List<String> trained = new ArrayList<>();
        trainer.batches.forEach(trained::addAll);
        long fit = predicted.stream().filter(ms -> ms <= limit).count();
        assertEquals(fit, trained.size(), "every architecture within the limit, and only those: " + byKey + " " + trained);
        for (String key : trained) {
            assertTrue(byKey.get(key) <= limit, key + " predicted " + byKey.get(key) + " > " + limit);
        }
        assertEquals("space-exhausted-within-latency-limit", rec.get("stop_reason").asText());
        JsonNode l = rec.get("latency_limit");
        assertEquals(limit, l.get("max_latency_ms_batch_1").asDouble(), 1e-12);
        assertEquals(8 - fit, l.get("refused_count").asInt(), l.toString());

        // A limit that not even the cheapest architecture meets: refused before anything trains.
        NasSettings tooTight = new NasSettings(NasSettings.Method.EVOLUTION, 4, 1, 3, 2, 5, null, 1.0, 1, sorted.get(0) / 2);
        FakeTrainer none = new FakeTrainer();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new NasSearch(space, tooTight, request, null, tmp.resolve("tight"), BatchedNasSearchTest::meter,
                        meter(null)).optTrainer(none).run(r -> {}));
        assertTrue(e.getMessage().contains("no architecture of the space fits"), e.getMessage());
        assertTrue(none.batches.isEmpty());
    }

    @Test
    void withSuccessiveHalvingOnlyTheBestOfTheFirstRungTrainTheFullEpochs() throws IOException {
        DataRequest request = new DataRequest(DataSpec.parse("folder:" + folder()),
                DataOptions.defaults().withCacheDir(tmp.resolve("cache")).withBatchSize(8));
        Path out = tmp.resolve("halving");
        NasSettings settings = new NasSettings(NasSettings.Method.EVOLUTION, 7, 3, 3, 2, 5, null, 1.0, 1, null,
                new Halving(3, 1));
        FakeTrainer trainer = new FakeTrainer();
        JsonNode rec = new NasSearch(NasSpace.parse(SPACE), settings, request, null, out, BatchedNasSearchTest::meter,
                meter(null)).optTrainer(trainer).run(r -> {});
        List<String> trainedKeys = new ArrayList<>();
        trainer.batches.forEach(trainedKeys::addAll);
        List<Pareto.Point> firstRung = new ArrayList<>();
        int promoted = 0;
        for (JsonNode c : rec.get("candidates")) {
            JsonNode rungs = c.at("/halving/rungs");
            double first = rungs.get(0).get("validation_accuracy").asDouble();
            assertEquals(1, rungs.get(0).get("epochs").asInt());
            firstRung.add(new Pareto.Point(first, c.at("/energy_per_inference_mj/batch_1").asDouble()));
            // The rule, recomputed here: among the best ceil(n/3) of the first-rung points so far.
            int[] rank = Pareto.ranks(firstRung);
            int n = firstRung.size();
            int better = 0;
            for (int i = 0; i < n - 1; i++) {
                better += rank[i] < rank[n - 1] || (rank[i] == rank[n - 1] && firstRung.get(i).accuracy() > first) ? 1 : 0;
            }
            boolean expected = better < (n + 2) / 3;
            assertEquals(expected, c.at("/halving/promoted").asBoolean(), c.get("key") + " at " + n);
            String key = c.get("key").asText();
            if (expected) {
                promoted++;
                assertEquals(2, rungs.size());
                assertEquals(3, c.get("epochs").asInt());
                assertTrue(trainedKeys.contains(key + "-e3"), "the full rung trains in its own run: " + trainedKeys);
                assertEquals(rungs.get(1).get("validation_accuracy").asDouble(), c.get("validation_accuracy").asDouble());
                assertEquals(4e-6, c.get("train_energy_kwh").asDouble(), 1e-15, "both rungs' energy");
            } else {
                assertEquals(1, rungs.size());
                assertEquals(1, c.get("epochs").asInt());
                assertFalse(trainedKeys.contains(key + "-e3"));
                assertEquals(first, c.get("validation_accuracy").asDouble());
                assertEquals(2e-6, c.get("train_energy_kwh").asDouble(), 1e-15);
            }
        }
        assertTrue(rec.get("candidates").get(0).at("/halving/promoted").asBoolean(), "the first is the best so far");
        assertTrue(promoted < 7, "some candidates stop at the first rung");
        assertEquals(promoted, rec.at("/halving/promoted").asInt());
        assertEquals(7 + promoted, trainedKeys.size());

        FakeTrainer again = new FakeTrainer();
        new NasSearch(NasSpace.parse(SPACE), settings, request, null, out, BatchedNasSearchTest::meter, meter(null))
                .optTrainer(again).run(r -> {});
        assertTrue(again.batches.isEmpty(), "a rerun trains nothing: " + again.batches);
    }
}
