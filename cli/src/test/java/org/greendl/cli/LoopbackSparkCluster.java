package org.greendl.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on loopback for tests: a master and {@code n} one-core workers, each a JVM of its
 * own started from this JVM's classpath (as benchmarks/spark/cluster.sh starts them from the build's jars), bound
 * to 127.0.0.1 on free ports. The workers launch executors as JVMs of their own. {@link #close} ends them all,
 * the executors and trial workers below them included.
 */
final class LoopbackSparkCluster implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 60_000;
    final Path dir;
    final int port;
    final String masterUrl;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> workerDirs = new ArrayList<>();

    private LoopbackSparkCluster(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.masterUrl = "spark://127.0.0.1:" + port;
    }

    /** Starts the cluster in {@code dir}, or fails saying why (no free port, a JVM that died, no registration). */
    static LoopbackSparkCluster start(Path dir, int workers) throws IOException, InterruptedException {
        LoopbackSparkCluster c = new LoopbackSparkCluster(dir, freePort());
        try {
            // A worker builds its executors' classpath from SPARK_HOME/jars; the test's classpath travels as
            // spark.executor.extraClassPath instead, so the folder only has to exist.
            Files.createDirectories(c.sparkHome().resolve("jars"));
            c.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                    String.valueOf(c.port), "--webui-port", String.valueOf(freePort()));
            for (int w = 1; w <= workers; w++) {
                Path work = dir.resolve("worker" + w);
                c.workerDirs.add(work);
                c.launch("worker" + w, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                        "--memory", "1g", "--webui-port", String.valueOf(freePort()), "--work-dir", work.toString(),
                        c.masterUrl);
            }
            c.awaitWorkers(workers);
            return c;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    Path sparkHome() {
        return dir.resolve("spark-home");
    }

    /** The workers' work folders, where each executor it launched leaves a folder of logs. */
    List<Path> workerDirs() {
        return workerDirs;
    }

    /** This JVM's full classpath (surefire's own when it forks with a manifest-only jar). */
    static String classpath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    /** The JDK module openings this JVM runs with (the parent pom's spark.addOpens), for the child JVMs. */
    static List<String> jdkOpenings() {
        List<String> opens = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-opens") || a.startsWith("-Djdk.reflect.") || a.startsWith("-Dio.netty.")
                    || a.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
                opens.add(a);
            }
        }
        if (opens.stream().noneMatch(a -> a.startsWith("--add-opens"))) {
            throw new IllegalStateException("this JVM was started without Spark's --add-opens (the parent pom's"
                    + " spark.addOpens in surefire's argLine): the cluster's JVMs would not start");
        }
        return opens;
    }

    private void launch(String name, String main, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jdkOpenings());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(classpath());
        cmd.add(main);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        pb.environment().put("SPARK_HOME", sparkHome().toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        processes.add(pb.start());
    }

    private void awaitWorkers(int n) throws IOException, InterruptedException {
        long until = System.currentTimeMillis() + START_TIMEOUT_MS;
        Path log = dir.resolve("master.log");
        while (System.currentTimeMillis() < until) {
            for (int i = 0; i < processes.size(); i++) {
                if (!processes.get(i).isAlive()) {
                    String name = i == 0 ? "master" : "worker" + i;
                    throw new IllegalStateException("the loopback Spark " + name + " exited "
                            + processes.get(i).exitValue() + " while starting: " + tail(dir.resolve(name + ".log")));
                }
            }
            if (Files.exists(log) && registered(log) >= n) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the loopback Spark master on port " + port + " did not register " + n
                + " workers within " + START_TIMEOUT_MS / 1000 + " s: " + tail(log));
    }

    private static long registered(Path log) throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.contains("Registering worker")).count();
        }
    }

    /** The last lines of a log, on one line, for a failure's message. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** A port nothing listens on now on 127.0.0.1; fails (no silent skip) when the machine has none to give. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1 for a loopback Spark cluster: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        // Workers first (each ends its executors), the master last; then whatever was left below them.
        List<ProcessHandle> below = new ArrayList<>();
        for (Process p : processes) {
            p.descendants().forEach(below::add);
        }
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        for (ProcessHandle h : below) {
            h.destroyForcibly();
        }
    }

    /** The executor folders the workers made (app-*&#47;N), each holding that executor JVM's stderr. */
    List<Path> executorFolders() throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path w : workerDirs) {
            if (!Files.isDirectory(w)) {
                continue;
            }
            try (Stream<Path> apps = Files.list(w)) {
                for (Path app : apps.filter(Files::isDirectory).toList()) {
                    try (Stream<Path> execs = Files.list(app)) {
                        execs.filter(e -> Files.exists(e.resolve("stderr"))).forEach(found::add);
                    }
                }
            }
        }
        return found;
    }
}
