package org.greendl.benchmarks.fuzz;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPOutputStream;
import org.greendl.cli.Cli;
import org.greendl.data.FashionMnist;
import org.greendl.data.FashionMnistOptions;
import org.greendl.select.active.LabelFiles;
import org.greendl.record.RunRecords;
import picocli.CommandLine;

/**
 * Feeds greendl mutated inputs of one kind and records, per case, what happened: accepted, a clean one-line
 * error naming the file, a one-line error that does not name it, an unexpected exception type (a stack trace
 * for the user), or a hang past the watchdog. Crashes of the JVM itself are counted by run.sh, which restarts
 * this program after the last case it recorded.
 *
 * <p>Usage: {@code Fuzz setup WORK FASHION_DIR} once, then {@code Fuzz KIND WORK COUNT SEED JOURNAL START} with
 * KIND one of idx, onnx, model, labels, records.
 */
public final class Fuzz {
    static final long WATCHDOG_S = Long.getLong("watchdogSeconds", 30);
    static final ObjectMapper JSON = new ObjectMapper();
    static final int[] INTERESTING = {0, -1, 1, 2, 3, 10, 28, 255, 256, 65_535, 65_536, 1 << 20, 27_000, 0x7fffffff,
        0x80000000, 0x00000803, 0x00000801, 0x00000901, 0x00000804};

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.OFF);
        if (args[0].equals("setup")) {
            setup(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        String kind = args[0];
        Path work = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        Path journal = Path.of(args[4]);
        int start = Integer.parseInt(args[5]);
        Path base = work.resolve("base");
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fuzz-case");
            t.setDaemon(true);
            return t;
        });
        PrintStream realOut = System.out;
        PrintStream realErr = System.err;
        for (int i = start; i < count; i++) {
            Random r = new Random(seed * 1_000_003L + i * 7919L + kind.hashCode());
            Path dir = work.resolve("cases").resolve(kind + "-" + i);
            deleteTree(dir);
            Files.createDirectories(dir);
            Case c = make(kind, base, dir, r);
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            PrintStream quiet = new PrintStream(new LimitedStream(sink), true, StandardCharsets.UTF_8);
            System.setOut(quiet);
            System.setErr(quiet);
            Future<Throwable> f = pool.submit(() -> {
                try {
                    c.run.call();
                    return null;
                } catch (Throwable t) {
                    return t;
                }
            });
            String[] outcome;
            try {
                Throwable t = f.get(WATCHDOG_S, TimeUnit.SECONDS);
                outcome = classify(t, c.names);
            } catch (TimeoutException e) {
                outcome = new String[] {"hang", "no result after " + WATCHDOG_S + " s: " + c.what};
            }
            System.setOut(realOut);
            System.setErr(realErr);
            String line = i + "\t" + outcome[0] + "\t" + c.what + "\t" + outcome[1].replaceAll("[\t\r\n]", " ") + "\n";
            Files.writeString(journal, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (!outcome[0].equals("trace") && !outcome[0].equals("hang")) {
                deleteTree(dir); // keep the inputs that need a look
            }
            if (outcome[0].equals("hang")) {
                System.exit(3); // the stuck thread cannot be stopped: run.sh restarts after this case
            }
        }
        System.exit(0);
    }

    /** One input and how greendl is run on it; {@code names} are the strings a good message mentions. */
    record Case(String what, java.util.concurrent.Callable<Object> run, List<String> names) {}

    // ---------------------------------------------------------------------------------------------- outcomes

    static String[] classify(Throwable t, List<String> names) {
        if (t == null) {
            return new String[] {"accepted", ""};
        }
        String msg = t.getMessage();
        // greendl's own exception types and the JDK's for bad input and bad files; never a NumberFormatException,
        // whose message ("For input string: ...") names neither the file nor the field.
        boolean expected = (t instanceof IOException || t instanceof UncheckedIOException
                || t instanceof IllegalArgumentException || t instanceof Cli.UsageFailure
                || t instanceof CommandLine.ParameterException || t.getClass().getName().startsWith("org.greendl."))
                && !(t instanceof NumberFormatException);
        boolean oneLine = msg != null && !msg.isBlank() && msg.lines().count() == 1 && msg.length() <= 2000;
        if (expected && oneLine) {
            boolean named = names.stream().anyMatch(msg::contains);
            return new String[] {named ? "clean" : "unnamed", t.getClass().getSimpleName() + ": " + cut(msg)};
        }
        return new String[] {"trace", t.getClass().getName() + ": " + cut(String.valueOf(msg)) + " at " + frame(t)};
    }

    static String frame(Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            if (e.getClassName().startsWith("org.greendl")) {
                return e.toString();
            }
        }
        return t.getStackTrace().length > 0 ? t.getStackTrace()[0].toString() : "?";
    }

    static String cut(String s) {
        String first = s.lines().findFirst().orElse("");
        return first.length() > 300 ? first.substring(0, 300) + "..." : first;
    }

    /** Runs a greendl command in this JVM and throws what its call threw (exit 0: accepted). */
    static Object cli(String... args) throws Exception {
        CommandLine cl = Cli.commandLine();
        Throwable[] thrown = new Throwable[1];
        cl.setExecutionExceptionHandler((e, c, p) -> {
            thrown[0] = e;
            return 1;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            thrown[0] = e;
            return 2;
        });
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        int code = cl.execute(args);
        if (thrown[0] instanceof Error e) {
            throw e;
        }
        if (thrown[0] != null) {
            throw (Exception) thrown[0];
        }
        if (code != 0) {
            throw new IllegalStateException("exit " + code + " without an exception");
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------- setup

    static void setup(Path work, Path fashion) throws Exception {
        Path base = Files.createDirectories(work.resolve("base"));
        // Small, valid Fashion-MNIST-shaped IDX files: 30 training and 10 test images.
        Path idx = Files.createDirectories(base.resolve("idx"));
        Random r = new Random(1);
        writeIdx(idx.resolve("train-images-idx3-ubyte"), images(30, r));
        writeIdx(idx.resolve("train-labels-idx1-ubyte"), labels(30, r));
        writeIdx(idx.resolve("t10k-images-idx3-ubyte"), images(10, r));
        writeIdx(idx.resolve("t10k-labels-idx1-ubyte"), labels(10, r));
        FashionMnist.load(FashionMnistOptions.defaults(), idx);
        Path model = base.resolve("model");
        cli("train", "--model", "mlp", "--epochs", "1", "--limit", "128", "--batch", "64", "--data", fashion.toString(),
                "--progress", "none", "--threads", "1", "--out", model.toString());
        cli("export", model.toString(), "--out", base.resolve("mlp.onnx").toString(), "--parity", "0");
        StringBuilder csv = new StringBuilder("id,label\n");
        for (int i = 0; i < 20; i++) {
            csv.append(i * 37).append(',').append(i % 3 == 0 ? LabelFiles.FASHION_MNIST_CLASSES.get(i % 10)
                    : String.valueOf(i % 10)).append('\n');
        }
        Files.writeString(base.resolve("labels.csv"), csv);
        System.out.println("base inputs in " + base);
    }

    static byte[] images(int n, Random r) {
        byte[] out = new byte[16 + n * 784];
        java.nio.ByteBuffer.wrap(out).putInt(0x803).putInt(n).putInt(28).putInt(28);
        for (int i = 16; i < out.length; i++) {
            out[i] = (byte) r.nextInt(256);
        }
        return out;
    }

    static byte[] labels(int n, Random r) {
        byte[] out = new byte[8 + n];
        java.nio.ByteBuffer.wrap(out).putInt(0x801).putInt(n);
        for (int i = 8; i < out.length; i++) {
            out[i] = (byte) r.nextInt(10);
        }
        return out;
    }

    static void writeIdx(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
    }

    // ---------------------------------------------------------------------------------------------- cases

    static Case make(String kind, Path base, Path dir, Random r) throws IOException {
        return switch (kind) {
            case "idx" -> idxCase(base, dir, r);
            case "onnx" -> onnxCase(base, dir, r);
            case "model" -> modelCase(base, dir, r);
            case "labels" -> labelsCase(base, dir, r);
            case "records" -> recordsCase(base, dir, r);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    static Case idxCase(Path base, Path dir, Random r) throws IOException {
        String[] files = {"train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte"};
        int victim = r.nextInt(files.length);
        boolean gzip = r.nextBoolean();
        Path target = null;
        StringBuilder what = new StringBuilder("idx ").append(files[victim]);
        for (int k = 0; k < files.length; k++) {
            byte[] bytes = Files.readAllBytes(base.resolve("idx").resolve(files[k]));
            boolean gz = k == victim ? gzip : r.nextInt(4) == 0;
            if (k == victim) {
                String how = mutateBytes(bytes, r, 40);
                bytes = MUTATED;
                what.append(' ').append(how);
            }
            if (gz) {
                bytes = gzip(bytes);
                if (k == victim && r.nextInt(5) == 0) {
                    what.append(" +gzip:").append(mutateBytes(bytes, r, 20));
                    bytes = MUTATED;
                }
            }
            Path f = dir.resolve(files[k] + (gz ? ".gz" : ""));
            Files.write(f, bytes);
            if (k == victim) {
                target = f;
            }
        }
        Path t = target;
        return new Case(what.toString(), () -> FashionMnist.load(FashionMnistOptions.defaults().withBatchSize(8), dir),
                List.of(t.getFileName().toString()));
    }

    static Case onnxCase(Path base, Path dir, Random r) throws IOException {
        byte[] bytes = Files.readAllBytes(base.resolve("mlp.onnx"));
        String how;
        if (r.nextBoolean()) {
            how = mutateBytes(bytes, r, 200);
            bytes = MUTATED;
        } else {
            ModelProto.Builder m = ModelProto.parseFrom(bytes).toBuilder();
            how = mutateProto(m, r);
            bytes = m.build().toByteArray();
        }
        Path f = dir.resolve("model.onnx");
        Files.write(f, bytes);
        return new Case("onnx " + how, () -> cli("serve-bench", f.toString(), "--batch", "1,3", "--seconds", "0.01",
                "--warmup", "0", "--threads", "1", "--format", "json"), List.of(f.getFileName().toString()));
    }

    static Case modelCase(Path base, Path dir, Random r) throws IOException {
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        for (String f : new String[] {"run.json", "model.json", "model.params"}) {
            Files.copy(base.resolve("model").resolve(f), model.resolve(f));
        }
        String victim = new String[] {"run.json", "model.json", "model.params", "model.json"}[r.nextInt(4)];
        Path f = model.resolve(victim);
        String how;
        if (victim.endsWith(".json") && r.nextInt(4) != 0) {
            JsonNode tree = JSON.readTree(f.toFile());
            how = mutateJson(tree, r);
            Files.writeString(f, JSON.writeValueAsString(tree));
        } else {
            how = mutateBytes(Files.readAllBytes(f), r, 64);
            Files.write(f, MUTATED);
        }
        Path out = dir.resolve("out.onnx");
        return new Case("model " + victim + " " + how, () -> cli("export", model.toString(), "--out", out.toString(),
                "--parity", "0"), List.of(victim, model.toString()));
    }

    static Case labelsCase(Path base, Path dir, Random r) throws IOException {
        String text = Files.readString(base.resolve("labels.csv"));
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n")));
        String how;
        byte[] bytes;
        int op = r.nextInt(10);
        if (op < 6) {
            int n = 1 + r.nextInt(lines.size() - 1);
            String[] cells = lines.get(n).split(",", -1);
            int col = r.nextInt(cells.length);
            String value = token(r);
            cells[col] = value;
            lines.set(n, String.join(",", cells));
            how = "cell " + n + ":" + col + "=" + cut(value).substring(0, Math.min(30, cut(value).length()));
            bytes = String.join(r.nextInt(5) == 0 ? "\r\n" : "\n", lines).getBytes(StandardCharsets.UTF_8);
        } else if (op == 6) {
            String[] headers = {"", "id", "label", "label,id", "id;label", "\uFEFFid,label", "ID,LABEL", "id,label,extra",
                "\"id\",\"label\"", "id,id"};
            lines.set(0, headers[r.nextInt(headers.length)]);
            how = "header " + lines.get(0);
            bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        } else if (op == 7) {
            lines.add(r.nextInt(lines.size() + 1), lines.get(1 + r.nextInt(lines.size() - 1)).replaceAll(",.*", ","
                    + token(r)));
            how = "duplicate id";
            bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
        } else {
            how = mutateBytes(text.getBytes(StandardCharsets.UTF_8), r, 1 << 20);
            bytes = MUTATED;
        }
        Path f = dir.resolve("labels.csv");
        Files.write(f, bytes);
        return new Case("labels " + how, () -> LabelFiles.importLabels(f, LabelFiles.FASHION_MNIST_CLASSES),
                List.of(f.toString()));
    }

    static Case recordsCase(Path base, Path dir, Random r) throws IOException {
        Path run = Files.createDirectories(dir.resolve("run"));
        Path f = run.resolve("run.json");
        Path src = base.resolve("model").resolve("run.json");
        String how;
        if (r.nextInt(4) != 0) {
            JsonNode tree = JSON.readTree(src.toFile());
            how = mutateJson(tree, r);
            if (r.nextInt(3) == 0) {
                how += "; " + mutateJson(tree, r);
            }
            Files.writeString(f, JSON.writeValueAsString(tree));
        } else {
            how = mutateBytes(Files.readAllBytes(src), r, 1 << 20);
            Files.write(f, MUTATED);
        }
        return new Case("record " + how, () -> {
            Throwable first = null;
            try {
                RunRecords.read(f); // what evaluate, export and the compressions read
            } catch (Throwable t) {
                first = t;
            }
            try {
                cli("report", run.toString());
            } catch (Throwable t) {
                // an unexpected type from either reader is the finding; else report's own outcome
                if (first == null || isExpected(first)) {
                    first = t;
                }
            }
            if (first != null) {
                throw first instanceof Exception e ? e : new RuntimeException(first);
            }
            return null;
        }, List.of(f.toString(), run.toString()));
    }

    static boolean isExpected(Throwable t) {
        return classify(t, List.of()).length > 0 && !classify(t, List.of())[0].equals("trace");
    }

    // ---------------------------------------------------------------------------------------------- mutators

    static byte[] MUTATED;

    /** Mutates a copy of {@code in} into {@link #MUTATED}; returns what was done. */
    static String mutateBytes(byte[] in, Random r, int headerBytes) {
        byte[] b = in.clone();
        int op = r.nextInt(8);
        String how;
        switch (op) {
            case 0 -> {
                int n = 1 + r.nextInt(8);
                for (int k = 0; k < n && b.length > 0; k++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                }
                how = "flip " + n + " bits";
            }
            case 1 -> {
                int n = 1 + r.nextInt(4);
                for (int k = 0; k < n && b.length > 0; k++) {
                    b[r.nextInt(Math.min(b.length, headerBytes))] = (byte) r.nextInt(256);
                }
                how = "header bytes x" + n;
            }
            case 2 -> {
                int len = b.length == 0 ? 0 : r.nextInt(b.length);
                b = Arrays.copyOf(b, len);
                how = "truncate to " + len;
            }
            case 3 -> {
                int extra = 1 + r.nextInt(r.nextBoolean() ? 16 : 100_000);
                int old = b.length;
                b = Arrays.copyOf(b, old + extra);
                for (int i = old; i < b.length; i++) {
                    b[i] = (byte) r.nextInt(256);
                }
                how = "append " + extra;
            }
            case 4, 5 -> {
                int pos = 4 * r.nextInt(Math.max(1, Math.min(b.length, headerBytes) / 4));
                int v = INTERESTING[r.nextInt(INTERESTING.length)];
                if (pos + 4 <= b.length) {
                    java.nio.ByteBuffer.wrap(b).putInt(pos, v);
                }
                how = "int@" + pos + "=" + v;
            }
            case 6 -> {
                if (b.length > 0) {
                    int from = r.nextInt(b.length);
                    int to = Math.min(b.length, from + 1 + r.nextInt(4096));
                    Arrays.fill(b, from, to, (byte) 0);
                }
                how = "zero range";
            }
            default -> {
                b = new byte[r.nextInt(3) == 0 ? 0 : r.nextInt(64)];
                r.nextBytes(b);
                how = "random " + b.length + " bytes";
            }
        }
        MUTATED = b;
        return how;
    }

    static String token(Random r) {
        String[] tokens = {"", "-1", "10", "999999999999", "2147483648", "abc", "3.5", "NaN", "1e9", "\"", "\"\"",
            "\"unterminated", "T-shirt/top", "trouser", "Ankle boot", "0x1", "+3", " 4 ", "\u00e9", "\u0000",
            "9,9", "-0", "00000000000000000000001"};
        int k = r.nextInt(tokens.length + 2);
        if (k == tokens.length) {
            return "x".repeat(1 << (10 + r.nextInt(17))); // up to 64 MB
        }
        if (k == tokens.length + 1) {
            return String.valueOf(r.nextLong());
        }
        return tokens[k];
    }

    /** Applies one structural mutation to a JSON tree; returns what was done. */
    static String mutateJson(JsonNode root, Random r) {
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        JsonNode c = containers.get(r.nextInt(containers.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode[] values = {f.nullNode(), f.textNode("abc"), f.numberNode(-1), f.numberNode(0), f.numberNode(1e308),
            f.numberNode(Long.MAX_VALUE), f.numberNode(-2147483648L), f.numberNode(2.5), f.textNode("NaN"),
            f.booleanNode(true), f.arrayNode(), f.objectNode(), f.textNode("x".repeat(100_000)),
            f.numberNode(1_000_000_000)};
        JsonNode v = values[r.nextInt(values.length)];
        if (c instanceof ObjectNode o && o.size() > 0) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            String key = keys.get(r.nextInt(keys.size()));
            if (r.nextInt(3) == 0) {
                o.remove(key);
                return "remove " + key;
            }
            o.set(key, v);
            return "set " + key + "=" + cut(v.toString()).substring(0, Math.min(20, cut(v.toString()).length()));
        }
        if (c instanceof ArrayNode a && a.size() > 0) {
            int i = r.nextInt(a.size());
            if (r.nextInt(3) == 0) {
                a.remove(i);
                return "remove [" + i + "]";
            }
            a.set(i, v);
            return "set [" + i + "]";
        }
        return "none";
    }

    static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
                collect(it.next(), out);
            }
        }
    }

    static final long[] DIMS = {0, -1, 1, 3, 7, 27, 29, 1 << 20, 1L << 31, Long.MAX_VALUE};

    /** Applies one ONNX-level mutation (inputs, initializers, nodes, opset, types). */
    static String mutateProto(ModelProto.Builder m, Random r) {
        var g = m.getGraphBuilder();
        switch (r.nextInt(11)) {
            case 0 -> {
                var shape = g.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
                if (shape.getDimCount() == 0) {
                    return "no dims";
                }
                int d = r.nextInt(shape.getDimCount());
                long v = DIMS[r.nextInt(DIMS.length)];
                shape.getDimBuilder(d).setDimValue(v);
                return "input dim " + d + "=" + v;
            }
            case 1 -> {
                var shape = g.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().getShapeBuilder();
                if (r.nextBoolean() && shape.getDimCount() > 0) {
                    shape.removeDim(r.nextInt(shape.getDimCount()));
                    return "remove input dim";
                }
                shape.addDim(ai.onnx.proto.OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(1));
                return "add input dim";
            }
            case 2 -> {
                int t = new int[] {0, 2, 3, 6, 7, 10, 11, 99}[r.nextInt(8)];
                g.getInputBuilder(0).getTypeBuilder().getTensorTypeBuilder().setElemType(t);
                return "input elem type " + t;
            }
            case 3 -> {
                if (g.getInitializerCount() == 0) {
                    return "no initializer";
                }
                int i = r.nextInt(g.getInitializerCount());
                g.removeInitializer(i);
                return "remove initializer " + i;
            }
            case 4 -> {
                if (g.getInitializerCount() == 0) {
                    return "no initializer";
                }
                int i = r.nextInt(g.getInitializerCount());
                TensorProto.Builder t = g.getInitializerBuilder(i);
                ByteString raw = t.getRawData();
                t.setRawData(raw.substring(0, raw.size() == 0 ? 0 : r.nextInt(raw.size())));
                return "truncate initializer " + i;
            }
            case 5 -> {
                if (g.getInitializerCount() == 0) {
                    return "no initializer";
                }
                int i = r.nextInt(g.getInitializerCount());
                TensorProto.Builder t = g.getInitializerBuilder(i);
                if (t.getDimsCount() > 0) {
                    t.setDims(r.nextInt(t.getDimsCount()), DIMS[r.nextInt(DIMS.length)]);
                }
                return "initializer dims " + i;
            }
            case 6 -> {
                int i = r.nextInt(g.getNodeCount());
                String op = new String[] {"Foo", "", "Relu", "Gemm", "Conv", "Softmax", "MatMul", "Reshape"}[r.nextInt(8)];
                g.getNodeBuilder(i).setOpType(op);
                return "node " + i + " op " + op;
            }
            case 7 -> {
                int i = r.nextInt(g.getNodeCount());
                NodeProto.Builder n = g.getNodeBuilder(i);
                if (n.getInputCount() > 0) {
                    n.setInput(r.nextInt(n.getInputCount()), r.nextBoolean() ? "missing" : "");
                }
                return "node " + i + " input renamed";
            }
            case 8 -> {
                if (g.getNodeCount() > 1) {
                    int i = r.nextInt(g.getNodeCount());
                    g.removeNode(i);
                    return "remove node " + i;
                }
                return "single node";
            }
            case 9 -> {
                long v = new long[] {0, 1, 6, 99, -1}[r.nextInt(5)];
                if (m.getOpsetImportCount() > 0) {
                    m.getOpsetImportBuilder(0).setVersion(v);
                }
                return "opset " + v;
            }
            default -> {
                if (r.nextBoolean()) {
                    m.setIrVersion(new long[] {0, 1, 99, -5}[r.nextInt(4)]);
                    return "ir version";
                }
                g.clearOutput();
                return "no graph outputs";
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        }
        return out.toByteArray();
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (var walk = Files.walk(p)) {
            for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }

    /** Keeps at most 1 MB of a case's output: a command echoing a 64 MB cell must not fill the heap. */
    static final class LimitedStream extends OutputStream {
        private final ByteArrayOutputStream out;

        LimitedStream(ByteArrayOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            if (out.size() < (1 << 20)) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            int room = (1 << 20) - out.size();
            if (room > 0) {
                out.write(b, off, Math.min(room, len));
            }
        }
    }
}
