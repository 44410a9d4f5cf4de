package org.greendl.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    static JavaSparkContext sc;

    @BeforeAll
    static void startSpark() {
        sc = new JavaSparkContext(new SparkConf().setMaster("local[2]").setAppName("greendl-test")
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
    void anUnreachableMasterFailsAtOnceNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SparkTrialRunner.checkReachable("spark://127.0.0.1:1", 2000));
        assertTrue(e.getMessage().startsWith("cannot reach Spark master URL: spark://127.0.0.1:1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SparkTrialRunner.checkReachable("spark://nohost", 100));
    }
}
