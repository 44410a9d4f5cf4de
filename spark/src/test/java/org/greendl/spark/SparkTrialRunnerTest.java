package org.greendl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.train.hpo.Configuration;
import org.greendl.train.hpo.Trial;
import org.greendl.train.hpo.Search;
import org.greendl.train.hpo.SearchData;
import org.greendl.train.hpo.SearchMethod;
import org.greendl.train.hpo.SearchSettings;
import org.greendl.train.hpo.SearchSpace;
import org.greendl.train.hpo.SearchSummary;
import org.greendl.train.hpo.SearchSummaryWriter;
import org.greendl.train.hpo.TrainingTrialRunner;
import org.greendl.train.hpo.TrialJournal;
import org.greendl.train.hpo.TrialResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkTrialRunnerTest {
    @TempDir static Path dir;
    /** Two task slots; a failed task is tried once more (local[N, maxFailures]), as a cluster would. */
    static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("greendl-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stopSpark() {
        if (sc != null) {
            sc.close();
        }
    }

    @Test
    void aGridOnLocalSparkEqualsTheSameGridRunHereAndCountsItsOneHostOnce() throws Exception {
        Path bars = dir.resolve("bars");
        BarsIdx.write(bars, 90, 30);
        SearchSpace space = new SearchSpace("mlp", "fashion-mnist", 2, Map.of("lr", List.of(0.01, 0.1),
                "batch", List.of(16L, 32L)));
        SearchData data = SearchData.of(DataRequest.of("idx:" + bars), null, null);
        SearchSettings grid = SearchSettings.of(SearchMethod.GRID, 7);
        MeterSettings meter = new MeterSettings("machine", null, 15.0);

        Path localOut = dir.resolve("local");
        TrainingTrialRunner local = new TrainingTrialRunner(space, localOut, data, meter::config);
        SearchSummary here = new Search(space, grid, local, TrialJournal.open(localOut), s -> {}).run();

        Path sparkOut = dir.resolve("spark");
        // The engine threads this JVM's tests run with (the parent pom's argLine), so the arithmetic is the same.
        SparkTrialRunner spark = new SparkTrialRunner(sc, space, data, sparkOut, meter, 2);
        SearchSummary there = new Search(space, grid, spark, TrialJournal.open(sparkOut), s -> {}).run();

        assertEquals(4, there.trials().size());
        Map<String, Double> expected = new HashMap<>();
        for (TrialResult r : here.trials()) {
            expected.put(r.config().toString(), r.validationAccuracy());
        }
        String host = there.trials().get(0).host();
        assertNotNull(host);
        for (TrialResult r : there.trials()) {
            assertEquals(TrialResult.COMPLETED, r.stopReason(), r.toString());
            assertEquals(2, r.epochs());
            assertEquals(expected.get(r.config().toString()), r.validationAccuracy(), 1e-6, r.config().toString());
            assertEquals(host, r.host());
            assertTrue(Files.exists(Path.of(r.runDir()).resolve("run.json")), r.runDir());
        }
        assertEquals(4, Files.readAllLines(sparkOut.resolve("trials.jsonl")).size());
        // Two task slots: at most two trial workers, each engine loaded once and reused for the next trial.
        java.util.Set<Long> workers = new java.util.HashSet<>();
        int reused = 0;
        for (String line : Files.readAllLines(sparkOut.resolve(SparkTrialRunner.TASKS))) {
            var n = TrialJob.JSON.readTree(line);
            workers.add(n.get("worker_pid").asLong());
            reused += n.get("worker_trial").asInt() > 1 ? 1 : 0;
        }
        assertTrue(workers.size() <= 2, workers.toString());
        assertEquals(4 - workers.size(), reused, "every trial after a worker's first reused it");

        ObjectNode json = spark.withEnergyPerHost(SearchSummaryWriter.toJson(there, null), there.trials());
        var perHost = json.get("energy_per_host");
        assertEquals(1, perHost.size(), perHost.toString());
        double hostKwh = perHost.get(host).asDouble();
        assertTrue(hostKwh > 0, json.toString());
        assertEquals(hostKwh, json.get("total_energy_kwh").asDouble(), 1e-15);
        assertTrue(hostKwh <= json.get("trials_energy_sum_kwh").asDouble() + 1e-15,
                "overlapping machine readings are not summed: " + json);
        double shares = 0;
        for (var t : json.get("trials")) {
            shares += t.get("energy_share_kwh").asDouble();
            assertEquals(host, t.get("host").asText());
        }
        assertEquals(hostKwh, shares, 1e-12, "the trials' shares add up to the host");

        // A rerun into the same folder finds every trial in the journal and sends Spark nothing.
        SparkTrialRunner again = new SparkTrialRunner(sc, space, data, sparkOut, meter, 2);
        SearchSummary resumed = new Search(space, grid, again, TrialJournal.open(sparkOut), s -> {}).run();
        assertEquals(4, resumed.trials().size());
        assertEquals(4, Files.readAllLines(sparkOut.resolve(SparkTrialRunner.TASKS)).size());
        assertEquals(hostKwh, again.energyPerHost(resumed.trials()).totalKwh(), 1e-15,
                "the tasks' readings are read back");
    }

    @Test
    void anExecutorWithoutTheDatasetFailsTheSearchInOneLineAndTheRecordNamesEachFailedTrial() throws Exception {
        Path bars = dir.resolve("bars-for-missing");
        BarsIdx.write(bars, 40, 20);
        SearchData here = SearchData.of(DataRequest.of("idx:" + bars), null, null);
        // The driver saw the data (its shape); the executors find nothing at that path.
        Path missing = dir.resolve("not-on-the-executors");
        SearchData there = new SearchData(DataRequest.of("idx:" + missing), null, null, here.input());
        SearchSpace space = new SearchSpace("mlp", "fashion-mnist", 1, Map.of("lr", List.of(0.1)));
        Path out = dir.resolve("missing-out");
        SparkTrialRunner spark = new SparkTrialRunner(sc, space, there, out, new MeterSettings("process", null, 15.0), 1);
        List<Trial> trials = List.of(new Trial("t0", new Configuration(Map.of("lr", 0.1)), 1, null));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> spark.runAll(trials, null,
                (t, r) -> {}));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().startsWith("the Spark job failed after 0 of 1 trial(s): trial t0 failed on "),
                e.getMessage());
        assertTrue(e.getMessage().contains("no dataset at " + missing), e.getMessage());
        ObjectNode record = spark.withFailure(TrialJob.JSON.createObjectNode(), e.getMessage());
        assertEquals("failed", record.get("status").asText());
        var failed = record.get("failed_attempts");
        assertEquals(2, failed.size(), "tried twice: " + failed);
        for (int i = 0; i < 2; i++) {
            assertEquals("t0", failed.get(i).get("trial").asText());
            assertEquals(i, failed.get(i).get("attempt").asInt());
            assertEquals("failed", failed.get(i).get("kind").asText());
            assertEquals(TrialTask.host(), failed.get(i).get("host").asText(), "named as trials name hosts: " + failed);
            assertTrue(failed.get(i).get("reason").asText().contains("no dataset at " + missing), failed.toString());
        }
        assertEquals(2, Files.readAllLines(out.resolve(TrialFailures.FILE)).size(), "journalled for a resume");
    }

    @Test
    void aTrialThatFailsIsNamedWithItsReasonWhileTheOthersOfItsRungAreNot() throws Exception {
        Path bars = dir.resolve("bars-for-failing");
        BarsIdx.write(bars, 40, 20);
        SearchData data = SearchData.of(DataRequest.of("idx:" + bars), null, null);
        SearchSpace space = new SearchSpace("mlp", "fashion-mnist", 2, Map.of("lr", List.of(0.1, 0.01)));
        Path out = dir.resolve("failing-out");
        SparkTrialRunner spark = new SparkTrialRunner(sc, space, data, out, new MeterSettings("process", null, 15.0), 1);
        // The second continues a rung whose run folder is gone: it fails wherever it runs.
        TrialResult gone = new TrialResult("p", Map.of("lr", 0.01), 1, 0.5, 0, dir.resolve("gone").toString(),
                TrialResult.COMPLETED, "h");
        List<Trial> trials = List.of(new Trial("ok", new Configuration(Map.of("lr", 0.1)), 1, null),
                new Trial("bad", new Configuration(Map.of("lr", 0.01)), 2, gone));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> spark.runAll(trials, null,
                (t, r) -> {}));
        assertTrue(e.getMessage().contains("trial bad failed on "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        var failed = spark.withFailure(TrialJob.JSON.createObjectNode(), e.getMessage()).get("failed_attempts");
        int bad = 0;
        for (var f : failed) {
            if (f.get("kind").asText().equals("failed")) {
                assertEquals("bad", f.get("trial").asText(), failed.toString());
                assertEquals(2, f.get("epochs").asInt());
                bad++;
            } else {
                assertEquals("killed", f.get("kind").asText(), "the other was only cancelled: " + failed);
            }
        }
        assertEquals(2, bad, "tried twice: " + failed);
    }

    @Test
    void aTrialWhoseWorkerDiesIsRunOnceMoreAndCountedOnce() throws Exception {
        Path bars = dir.resolve("bars-for-kill");
        BarsIdx.write(bars, 200, 20);
        SearchData data = SearchData.of(DataRequest.of("idx:" + bars), null, null);
        SearchSpace space = new SearchSpace("mlp", "fashion-mnist", 4, Map.of("lr", List.of(0.1, 0.01)));
        Path out = dir.resolve("kill-out");
        SparkTrialRunner spark = new SparkTrialRunner(sc, space, data, out, new MeterSettings("process", null, 15.0), 1);
        List<Trial> trials = List.of(new Trial("a", new Configuration(Map.of("lr", 0.1)), 4, null),
                new Trial("b", new Configuration(Map.of("lr", 0.01)), 4, null));
        var run = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return spark.runAll(trials, null, (t, r) -> {});
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        // The first worker seen training a trial is killed, as a lost machine would take it.
        long until = System.currentTimeMillis() + 60_000;
        while (TrialWorkers.lent().isEmpty() && System.currentTimeMillis() < until) {
            Thread.sleep(5);
        }
        TrialWorkers.lent().get(0).process.destroyForcibly();
        List<TrialResult> results = run.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(2, results.size());
        var failed = spark.withFailure(TrialJob.JSON.createObjectNode(), "").get("failed_attempts");
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get(0).get("reason").asText().contains("the trial worker ended"), failed.toString());
        String lost = failed.get(0).get("trial").asText();
        List<String> lines = Files.readAllLines(out.resolve(SparkTrialRunner.TASKS));
        assertEquals(2, lines.size(), "one reading per trial: " + lines);
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (String line : lines) {
            var n = TrialJob.JSON.readTree(line);
            keys.add(n.get("key").asText());
            boolean isLost = n.get("key").asText().equals(results.get(lost.equals("a") ? 0 : 1).runDir());
            assertEquals(isLost ? 1 : 0, n.get("attempt").asInt(), "the lost trial ran once more: " + line);
        }
        assertEquals(2, keys.size());
        assertEquals(spark.energyPerHost(results).totalKwh(), results.get(0).energyKwh() + results.get(1).energyKwh(),
                1e-15, "process readings: each trial's once");
    }

    @Test
    void aRelativeDataPathIsTheDriversAbsoluteOneOnTheExecutors() {
        assertEquals("idx:" + Path.of("data/bars").toAbsolutePath(), TrialJob.absolute(DataSpec.parse("idx:data/bars")));
        assertEquals("csv:" + Path.of("x.csv").toAbsolutePath(), TrialJob.absolute(DataSpec.parse("csv:./x.csv")));
        assertEquals("idx:/abs/dir", TrialJob.absolute(DataSpec.parse("idx:/abs/dir")));
        assertEquals("fashion-mnist", TrialJob.absolute(DataSpec.parse("fashion-mnist")));
    }

    @Test
    void anUnreachableMasterFailsAtOnceNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkTrialRunner.checkReachable("spark://127.0.0.1:1", 2000));
        assertTrue(e.getMessage().startsWith("cannot reach Spark master URL: spark://127.0.0.1:1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparkTrialRunner.checkReachable("spark://nohost", 100));
    }
}
