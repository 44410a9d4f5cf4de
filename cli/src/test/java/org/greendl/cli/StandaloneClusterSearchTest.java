package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code greendl search --engine spark --master spark://...} on a real standalone cluster on loopback: a master
 * and two one-core workers in JVMs of their own, each worker launching its executor as a JVM of its own, the
 * search run through the CLI as a user would.
 */
class StandaloneClusterSearchTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir static Path dir;
    static LoopbackSparkCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LoopbackSparkCluster.start(dir.resolve("cluster"), 2);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err));
        assertEquals(0, cl.execute(args), err.toString());
        return err.toString();
    }

    /** What the driver tells the executors, as spark-submit or -Dspark.* on the command line would. */
    private static Map<String, String> clusterConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        conf.put("spark.executor.extraClassPath", LoopbackSparkCluster.classpath());
        conf.put("spark.executor.extraJavaOptions", String.join(" ", LoopbackSparkCluster.jdkOpenings())
                + " -Dai.djl.offline=true -Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        conf.put("spark.executor.memory", "512m");
        conf.put("spark.cores.max", "2");
        conf.put("spark.driver.host", "127.0.0.1");
        conf.put("spark.driver.bindAddress", "127.0.0.1");
        conf.put("spark.ui.enabled", "false");
        // Both executors up before the first task, so the two trials of a pair run at once on two JVMs.
        conf.put("spark.scheduler.minRegisteredResourcesRatio", "1.0");
        conf.put("spark.scheduler.maxRegisteredResourcesWaitingTime", "60s");
        return conf;
    }

    @Test
    void aSearchOnTheClusterEqualsTheLocalOneRecordsItsExecutorsAndCountsTheHostOnce() throws Exception {
        Path bars = dir.resolve("bars");
        BarsIdx.write(bars, 60, 30);
        Path space = Files.writeString(dir.resolve("space.json"), "{\"model\": \"mlp\", \"max_epochs\": 1,"
                + " \"params\": {\"lr\": [0.05, 0.1], \"batch\": [16, 32]}}");
        // The engine threads this JVM's tests run with (the parent pom's argLine), so the arithmetic is the same.
        List<String> common = List.of("search", "--space", space.toString(), "--method", "grid", "--data",
                "idx:" + bars, "--seed", "3", "--threads", "2");
        Path localOut = dir.resolve("local");
        List<String> local = new ArrayList<>(common);
        local.addAll(List.of("--out", localOut.toString()));
        run(local.toArray(String[]::new));

        Path sparkOut = dir.resolve("spark");
        List<String> spark = new ArrayList<>(common);
        spark.addAll(List.of("--engine", "spark", "--master", cluster.masterUrl, "--out", sparkOut.toString()));
        Map<String, String> conf = clusterConf();
        Map<String, String> before = new HashMap<>();
        conf.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
        try {
            run(spark.toArray(String[]::new));
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }

        // The same per-trial results as the local engine, for the same seed.
        Map<String, Double> expected = accuracies(JSON.readTree(localOut.resolve("search.json").toFile()));
        JsonNode there = JSON.readTree(sparkOut.resolve("search.json").toFile());
        assertEquals(4, expected.size(), expected.toString());
        Map<String, Double> got = accuracies(there);
        assertEquals(expected.keySet(), got.keySet());
        expected.forEach((k, v) -> assertEquals(v, got.get(k), 1e-6, k));
        assertEquals(expected.get(key(there.get("best"))), there.get("best").get("metrics")
                .get("validation_accuracy").asDouble(), 1e-6);

        // Every trial names this machine; the four ran on the two executors, in trial workers of their own.
        String host = InetAddress.getLocalHost().getHostName();
        for (JsonNode t : there.get("trials")) {
            assertEquals(host, t.get("host").asText(), t.toString());
        }
        List<JsonNode> tasks = new ArrayList<>();
        for (String line : Files.readAllLines(sparkOut.resolve("spark-tasks.jsonl"))) {
            tasks.add(JSON.readTree(line));
        }
        assertEquals(4, tasks.size(), tasks.toString());
        Set<String> executors = new TreeSet<>();
        Set<Long> workers = new HashSet<>();
        for (JsonNode t : tasks) {
            assertEquals(host, t.get("host").asText());
            executors.add(t.get("executor").asText());
            workers.add(t.get("worker_pid").asLong());
            assertEquals(0, t.get("attempt").asInt(), "nothing failed: " + t);
        }
        assertEquals(2, executors.size(), "both executors trained trials: " + tasks);
        assertFalse(executors.contains("driver"), executors.toString());
        assertFalse(workers.contains(ProcessHandle.current().pid()), "trials trained outside this JVM");
        var executorFolders = cluster.executorFolders();
        assertEquals(2, executorFolders.size(), "one executor JVM per worker: " + executorFolders);
        assertNotEquals(executorFolders.get(0).getParent().getParent(), executorFolders.get(1).getParent().getParent(),
                "the two executors were launched by different workers");

        // One host, its machine counted once: overlapping trials' readings are not summed.
        JsonNode perHost = there.get("energy_per_host");
        assertEquals(1, perHost.size(), perHost.toString());
        double hostKwh = perHost.get(host).asDouble();
        assertTrue(hostKwh > 0, perHost.toString());
        assertEquals(hostKwh, there.get("total_energy_kwh").asDouble(), 1e-15);
        double shares = 0;
        for (JsonNode t : there.get("trials")) {
            shares += t.get("energy_share_kwh").asDouble();
        }
        assertEquals(hostKwh, shares, 1e-12, "the trials' shares add up to the host");
        assertTrue(overlapMs(tasks) > 0, "two trials ran at once (else nothing here would be shared): " + tasks);
        assertEquals(onceCounted(tasks), hostKwh, 1e-12 + 1e-9 * hostKwh,
                "the host is its machine's power over the time any trial ran, each moment once");
        assertTrue(hostKwh < there.get("trials_energy_sum_kwh").asDouble(),
                "less than the readings' sum, which counts the overlap twice: " + there);
    }

    private static Map<String, Double> accuracies(JsonNode search) {
        Map<String, Double> m = new HashMap<>();
        for (JsonNode t : search.get("trials")) {
            m.put(key(t), t.get("metrics").get("validation_accuracy").asDouble());
        }
        return m;
    }

    private static String key(JsonNode trial) {
        assertNotNull(trial.get("config"), trial.toString());
        Map<String, String> config = new java.util.TreeMap<>();
        trial.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config + "@" + trial.get("epochs").asInt();
    }

    /** Milliseconds during which two or more tasks were reading the meter. */
    private static long overlapMs(List<JsonNode> tasks) {
        long overlap = 0;
        for (long[] piece : pieces(tasks)) {
            overlap += running(tasks, piece).size() > 1 ? piece[1] - piece[0] : 0;
        }
        return overlap;
    }

    /**
     * The host's energy from the tasks' machine readings: the time line cut at every start and end, each piece's
     * power the mean of the readings' powers of the tasks running then (they all read the same machine).
     */
    private static double onceCounted(List<JsonNode> tasks) {
        double kwh = 0;
        for (long[] piece : pieces(tasks)) {
            List<JsonNode> on = running(tasks, piece);
            if (on.isEmpty()) {
                continue;
            }
            double power = 0;
            for (JsonNode t : on) {
                power += t.get("machine_kwh").asDouble() / (t.get("end_ms").asLong() - t.get("start_ms").asLong());
            }
            kwh += power / on.size() * (piece[1] - piece[0]);
        }
        return kwh;
    }

    private static List<long[]> pieces(List<JsonNode> tasks) {
        TreeSet<Long> cuts = new TreeSet<>();
        for (JsonNode t : tasks) {
            cuts.add(t.get("start_ms").asLong());
            cuts.add(t.get("end_ms").asLong());
        }
        List<long[]> pieces = new ArrayList<>();
        Long last = null;
        for (long c : cuts) {
            if (last != null) {
                pieces.add(new long[] {last, c});
            }
            last = c;
        }
        return pieces;
    }

    private static List<JsonNode> running(List<JsonNode> tasks, long[] piece) {
        List<JsonNode> on = new ArrayList<>();
        for (JsonNode t : tasks) {
            if (t.get("start_ms").asLong() <= piece[0] && t.get("end_ms").asLong() >= piece[1]) {
                on.add(t);
            }
        }
        return on;
    }
}
