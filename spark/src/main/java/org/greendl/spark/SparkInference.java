package org.greendl.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Batch inference of an ONNX classifier on Spark: the examples cut into {@link InferenceJob#partitions()}
 * slices, {@code mapPartitions} so that each task reads its own slice on its executor and opens one ONNX Runtime
 * session for it, the predictions collected on the driver in index order.
 *
 * <p>Energy: each partition reads the meter in process mode (its executor JVM's CPU share over its window). Two
 * partitions that ran at once in one executor JVM both read that JVM, so their readings are one JVM's energy,
 * not two: {@link HostEnergy} takes each JVM as a "machine", cuts its time line at the partitions' starts and
 * ends and counts each piece once, shared equally among the partitions running then. The JVMs of a host then
 * add (their process shares are disjoint), and the hosts add.
 */
public final class SparkInference {
    private SparkInference() {}

    /** One partition's report. */
    public record Partition(int partition, String host, long pid, int threads, int from, int examples,
            double loadSeconds, long startMs, long endMs, double energyKwh, String energySource,
            double energyShareKwh) {}

    /**
     * @param predictions each example's predicted class, by index
     * @param labels each example's label, by index
     * @param partitions the partitions' reports, by partition
     * @param energyPerHostKwh each host's energy, each executor JVM counted once
     * @param examplesPerHost how many examples each host classified
     * @param wallSeconds the Spark job's wall time on the driver, from submission to the last result
     */
    public record Result(int[] predictions, int[] labels, List<Partition> partitions,
            Map<String, Double> energyPerHostKwh, Map<String, Integer> examplesPerHost, double wallSeconds) {

        public int examples() {
            return predictions.length;
        }

        public double accuracy() {
            int right = 0;
            for (int i = 0; i < predictions.length; i++) {
                right += predictions[i] == labels[i] ? 1 : 0;
            }
            return predictions.length == 0 ? 0 : right / (double) predictions.length;
        }

        public double totalEnergyKwh() {
            return energyPerHostKwh.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** Examples per second of the job's wall time. */
        public double throughput() {
            return examples() / Math.max(wallSeconds, 1e-9);
        }

        /** Energy per 1,000 inferences in Wh, all hosts. */
        public double whPer1000() {
            return totalEnergyKwh() * 1000 / Math.max(1, examples()) * 1000;
        }

        /** "rapl" when every partition's CPU figure was measured, else "estimate". */
        public String energySource() {
            return partitions.stream().allMatch(p -> "rapl".equals(p.energySource())) ? "rapl" : "estimate";
        }

        /** Writes {@code index,prediction,label} rows in index order to {@code file}, atomically. */
        public void writeCsv(Path file) throws IOException {
            Path abs = file.toAbsolutePath();
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write("index,prediction,label\n");
                for (int i = 0; i < predictions.length; i++) {
                    w.write(i + "," + predictions[i] + "," + labels[i] + "\n");
                }
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }

        /** Accuracy, examples, throughput, energy (total, per 1,000, per host), wall time and each partition. */
        public ObjectNode toJson() {
            ObjectNode root = TrialJob.JSON.createObjectNode();
            root.put("examples", examples());
            root.put("partitions", partitions.size());
            root.putObject("metrics").put("test_accuracy", accuracy());
            root.putObject("time").put("wall_s", wallSeconds);
            root.put("throughput_per_s", throughput());
            root.put("energy_kwh", totalEnergyKwh());
            root.put("energy_wh_per_1000", whPer1000());
            root.put("energy_source", energySource());
            root.put("energy_counting", "process mode per partition; partitions that overlapped in one executor JVM"
                    + " counted once (HostEnergy per JVM); JVMs and hosts add");
            ObjectNode hosts = root.putObject("energy_per_host");
            ObjectNode hostsPer1000 = root.putObject("energy_wh_per_1000_per_host");
            energyPerHostKwh.forEach((h, kwh) -> {
                hosts.put(h, kwh);
                hostsPer1000.put(h, kwh * 1000 / Math.max(1, examplesPerHost.getOrDefault(h, 0)) * 1000);
            });
            var parts = root.putArray("partition_reports");
            for (Partition p : partitions) {
                ObjectNode n = parts.addObject();
                n.put("partition", p.partition());
                n.put("host", p.host());
                n.put("pid", p.pid());
                n.put("threads", p.threads());
                n.put("from", p.from());
                n.put("examples", p.examples());
                n.put("load_s", p.loadSeconds());
                n.put("start_ms", p.startMs());
                n.put("end_ms", p.endMs());
                n.put("energy_kwh", p.energyKwh());
                n.put("energy_share_kwh", p.energyShareKwh());
            }
            return root;
        }
    }

    /**
     * Runs {@code job} on a context of its own on {@code master} (a {@code spark://} master is checked first, within
     * {@code connectTimeoutMs}), stopped when the job ends, also when it fails.
     */
    public static Result run(String master, int connectTimeoutMs, InferenceJob job) throws IOException {
        SparkTrialRunner.checkReachable(master, connectTimeoutMs);
        try (JavaSparkContext sc = SparkTrialRunner.context(master, "greendl-infer")) {
            return run(sc, job);
        }
    }

    /** Runs {@code job} on {@code sc} (without partitions: its default parallelism); the context stays open. */
    public static Result run(JavaSparkContext sc, InferenceJob job) throws IOException {
        if (job.partitions() == null) {
            job = job.withPartitions(Math.max(1, sc.defaultParallelism()));
        }
        List<Integer> ids = IntStream.range(0, job.partitions()).boxed().toList();
        sc.setJobDescription("greendl infer: " + job.model() + " on " + job.dataSpec() + ", " + job.partitions()
                + " partition(s)");
        long start = System.nanoTime();
        List<String> texts = sc.parallelize(ids, job.partitions()).mapPartitions(new InferencePartition(job))
                .collect();
        double wall = (System.nanoTime() - start) / 1e9;
        List<JsonNode> nodes = new ArrayList<>();
        for (String t : texts) {
            nodes.add(TrialJob.JSON.readTree(t));
        }
        nodes.sort(Comparator.comparingInt(n -> n.get("from").asInt()));
        int count = nodes.stream().mapToInt(n -> n.get("examples").asInt()).sum();
        int[] predictions = new int[count];
        int[] labels = new int[count];
        List<HostEnergy.Task> tasks = new ArrayList<>();
        Map<String, String> hostOfJvm = new LinkedHashMap<>();
        Map<String, Integer> examplesPerHost = new TreeMap<>();
        for (JsonNode n : nodes) {
            int from = n.get("from").asInt();
            for (int i = 0; i < n.get("examples").asInt(); i++) {
                predictions[from + i] = n.get("predictions").get(i).asInt();
                labels[from + i] = n.get("labels").get(i).asInt();
            }
            String host = n.get("host").asText();
            String jvm = host + " pid " + n.get("pid").asLong();
            hostOfJvm.put(jvm, host);
            examplesPerHost.merge(host, n.get("examples").asInt(), Integer::sum);
            // A process reading covers the whole executor JVM: as a "machine" reading of that JVM it is counted
            // once however many partitions ran in it at the same time.
            tasks.add(new HostEnergy.Task("partition-" + n.get("partition").asInt(), jvm, n.get("start_ms").asLong(),
                    n.get("end_ms").asLong(), null, n.get("energy_kwh").asDouble(), null));
        }
        HostEnergy.Result energy = HostEnergy.of(tasks);
        Map<String, Double> perHost = new TreeMap<>();
        energy.perHostKwh().forEach((jvm, kwh) -> perHost.merge(hostOfJvm.get(jvm), kwh, Double::sum));
        List<Partition> partitions = new ArrayList<>();
        for (JsonNode n : nodes) {
            int id = n.get("partition").asInt();
            partitions.add(new Partition(id, n.get("host").asText(), n.get("pid").asLong(), n.get("threads").asInt(),
                    n.get("from").asInt(), n.get("examples").asInt(), n.get("load_s").asDouble(),
                    n.get("start_ms").asLong(), n.get("end_ms").asLong(), n.get("energy_kwh").asDouble(),
                    n.get("energy_source").asText(), energy.perTaskKwh().get("partition-" + id)));
        }
        partitions.sort(Comparator.comparingInt(Partition::partition));
        return new Result(predictions, labels, List.copyOf(partitions), perHost, examplesPerHost, wall);
    }
}
