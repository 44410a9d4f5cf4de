package org.greendl.spark;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The {@link TrialWorker}s of this executor JVM: a task borrows an idle one started with its thread count (or
 * starts one), sends it one trial, and gives it back when the answer came. So an executor running {@code k}
 * trials at once keeps {@code k} workers, each training one trial at a time; the engine loads once per worker,
 * not once per trial. A worker whose trial failed, was cancelled or that died is not reused.
 */
final class TrialWorkers {
    private static final Deque<Worker> IDLE = new ArrayDeque<>();
    private static final Set<Worker> ALL = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALL.forEach(w -> w.process.destroyForcibly()),
                "greendl-trial-workers-stop"));
    }

    private TrialWorkers() {}

    /** An idle worker with {@code threads} engine threads, started if there is none. */
    static Worker borrow(int threads) throws IOException {
        synchronized (IDLE) {
            for (var it = IDLE.iterator(); it.hasNext(); ) {
                Worker w = it.next();
                if (w.threads == threads && w.process.isAlive()) {
                    it.remove();
                    return w;
                }
            }
        }
        Worker w = Worker.start(threads);
        ALL.add(w);
        return w;
    }

    /** Back to the idle ones, for the next task with the same threads. */
    static void giveBack(Worker w) {
        synchronized (IDLE) {
            IDLE.add(w);
        }
    }

    /** The workers training a trial now. */
    static List<Worker> lent() {
        List<Worker> busy = new ArrayList<>(ALL);
        synchronized (IDLE) {
            busy.removeAll(IDLE);
        }
        return busy;
    }

    /** Ends {@code w}; it is not reused. */
    static void discard(Worker w) {
        ALL.remove(w);
        w.process.destroyForcibly();
    }

    /** One worker process, its request channel, and its answer lines as they arrive. */
    static final class Worker {
        final int threads;
        final Process process;
        final Path log;
        private final Writer requests;
        private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
        private final Deque<String> tail = new ArrayDeque<>();

        private Worker(int threads, Process process, Path log) {
            this.threads = threads;
            this.process = process;
            this.log = log;
            this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread t = new Thread(this::pump, "greendl-trial-worker-" + process.pid());
            t.setDaemon(true);
            t.start();
        }

        static Worker start(int threads) throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            for (String name : System.getProperties().stringPropertyNames()) {
                if ((name.startsWith("ai.djl.") || name.startsWith("org.slf4j.")) && !name.contains("num_threads")
                        && !name.contains("num_interop_threads")) {
                    cmd.add("-D" + name + "=" + System.getProperty(name));
                }
            }
            cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
            cmd.add("-Dai.djl.pytorch.num_interop_threads=1");
            cmd.add("-cp");
            cmd.add(classpath());
            cmd.add(TrialWorker.class.getName());
            Path log = Files.createTempFile("greendl-trial-worker-", ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
            // PyTorch's OpenMP threads spin while waiting; beside other tasks that starves them. Sleep instead.
            pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
            return new Worker(threads, pb.start(), log);
        }

        /** Sorts the worker's standard output: answers to the queue, the rest to its log. */
        private void pump() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith(TrialWorker.RESULT) || line.startsWith(TrialWorker.FAILED)) {
                        answers.add(line);
                    } else {
                        Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                    }
                }
            } catch (IOException e) {
                // the worker ended
            }
        }

        /**
         * Trains one trial: {@code request} is one line of JSON. Returns the answer line; throws when the worker
         * died first, naming the last lines of its log.
         */
        String train(String request) throws IOException, InterruptedException {
            try {
                requests.write(request.replace('\n', ' ') + "\n");
                requests.flush();
            } catch (IOException e) {
                process.waitFor(2, TimeUnit.SECONDS);
                throw new IOException("the trial worker ended before its trial (" + (process.isAlive() ? e.getMessage()
                        : "exit " + process.exitValue()) + "): " + tail());
            }
            while (true) {
                String a = answers.poll(500, TimeUnit.MILLISECONDS);
                if (a != null) {
                    return a;
                }
                if (!process.isAlive() && answers.isEmpty()) {
                    Thread.sleep(100); // the pump's last lines
                    if (answers.isEmpty()) {
                        throw new IOException("the trial worker ended (exit " + process.exitValue() + "): " + tail());
                    }
                }
            }
        }

        /** The last lines of the worker's log. */
        String tail() {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join(" | ", lines.subList(Math.max(0, lines.size() - 8), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }

    /** This JVM's classpath and the jars Spark added for the application (which java.class.path lacks). */
    private static String classpath() {
        Set<String> entries = new LinkedHashSet<>();
        for (ClassLoader cl = Thread.currentThread().getContextClassLoader(); cl != null; cl = cl.getParent()) {
            if (cl instanceof URLClassLoader u) {
                for (URL url : u.getURLs()) {
                    if ("file".equals(url.getProtocol())) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            // not a local file: the worker cannot use it
                        }
                    }
                }
            }
        }
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!e.isEmpty()) {
                entries.add(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}
