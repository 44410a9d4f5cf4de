package org.greendl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.spark.InferenceJob;
import org.greendl.spark.SparkInference;
import org.greendl.spark.SparkTrialRunner;

/** {@code greendl infer MODEL.onnx --data SPEC --engine spark}: the checks and the output; the job is greendl-spark's. */
final class SparkInfer {
    /** Where the predictions go without {@code --predictions}: the working folder. */
    static final Path DEFAULT_PREDICTIONS = Path.of("predictions.csv");

    private SparkInfer() {}

    static int run(InferCommand c) throws Exception {
        String master = c.master != null ? c.master : System.getProperty("spark.master", "local[*]");
        // A wrong address fails now, in one line, before the data is read.
        SparkTrialRunner.checkReachable(master, SearchCommand.CONNECT_TIMEOUT_MS);
        if (!c.data.given()) {
            throw new Cli.UsageFailure("--engine spark needs --data SPEC");
        }
        if (c.agreeWith != null || !c.inputs.isEmpty()) {
            throw new Cli.UsageFailure("--agree-with and --input feed generated inputs: use them without --data");
        }
        Integer limit = c.limit != null ? c.limit : c.testLimit.orNull();
        Integer threads = c.threadsOption.value();
        if (c.batch < 1 || (threads != null && threads < 0) || (limit != null && limit < 1)
                || (c.partitions != null && c.partitions < 1)) {
            throw new Cli.UsageFailure("--batch, --limit and --partitions must be >= 1 and --threads >= 0");
        }
        if (threads != null && threads > 0) {
            ThreadsOption.check("--threads", threads);
        }
        if (!Files.isRegularFile(c.model)) {
            throw new Cli.UsageFailure("no ONNX model at " + c.model);
        }
        Path out = c.predictions != null ? c.predictions : DEFAULT_PREDICTIONS;
        DataRequest request = TextFiles.withExportedTokenizer(c.data.request(42, c.batch), c.model);
        String dataset = c.data.spec() == null ? DataSpec.DEFAULT : c.data.spec();
        SparkInference.Result r = SparkInference.run(master, SearchCommand.CONNECT_TIMEOUT_MS,
                InferenceJob.of(c.model, request, limit, c.batch, threads, c.partitions));
        int partitions = r.partitions().size();
        r.writeCsv(out);
        if (c.format.json()) {
            ObjectNode root = r.toJson();
            ObjectNode head = root.objectNode();
            head.put("model", c.model.toString());
            head.put("dataset", dataset);
            head.put("engine", "spark");
            head.put("master", master);
            head.put("batch", c.batch);
            head.put("predictions", out.toString());
            head.setAll(root);
            System.out.println(head.toPrettyString());
        } else {
            System.out.printf(Locale.ROOT, "%s on %s (spark %s, %d partition(s)): test accuracy %.4f (%d images,"
                    + " %.1f s, %.0f images/s)%n", c.model, dataset, master, partitions, r.accuracy(), r.examples(),
                    r.wallSeconds(), r.throughput());
            System.out.printf(Locale.ROOT, "energy: %.3g Wh per 1,000 inferences (%s), %.3g Wh in all%n",
                    r.whPer1000(), r.energySource(), r.totalEnergyKwh() * 1000);
            r.energyPerHostKwh().forEach((h, kwh) -> System.out.printf(Locale.ROOT, "  %s: %.3g Wh, %d images%n", h,
                    kwh * 1000, r.examplesPerHost().get(h)));
            System.out.println("written: " + out);
        }
        return 0;
    }
}
