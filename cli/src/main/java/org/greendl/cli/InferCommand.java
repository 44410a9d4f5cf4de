package org.greendl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.Predictor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greendl infer MODEL.onnx --dataset fashion-mnist}: test accuracy of an ONNX model with ONNX Runtime. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Run an ONNX model on a dataset's test split with ONNX Runtime and report its accuracy.")
public final class InferCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "The ONNX model (fp32 or int8).")
    Path model;

    @Option(names = "--dataset", required = true, description = "Dataset to evaluate on (fashion-mnist).")
    String dataset;

    @Mixin DataOptions data;
    @Mixin TestLimitOption testLimit;

    /** Elsewhere {@code --limit} is the old spelling of {@code --train-limit}; infer reads no training images. */
    @Option(names = "--limit", paramLabel = "N", description = "The old spelling of --test-limit here (>= 1).")
    Integer limit;

    /** ONNX Runtime's intra-op threads here; absent, all cores (0: ONNX Runtime's own choice). */
    @Mixin ThreadsOption threadsOption;

    @Option(names = "--batch", description = "Inference batch size (default: ${DEFAULT-VALUE}).")
    int batch = 256;

    @Mixin FormatOption format;

    @Override
    public Integer call() throws Exception {
        int threads = threadsOption.value() != null ? threadsOption.value() : Runtime.getRuntime().availableProcessors();
        Integer limit = this.limit != null ? this.limit : testLimit.orNull();
        if (!dataset.equals("fashion-mnist")) {
            throw new Cli.UsageFailure("unknown dataset '" + dataset + "' (expected fashion-mnist)");
        }
        if (batch < 1 || threads < 0 || (limit != null && limit < 1)) {
            throw new Cli.UsageFailure("--batch and --limit must be >= 1 and --threads >= 0");
        }
        if (threads > 0) {
            ThreadsOption.check("--threads", threads);
        }
        boolean json = format.json();
        long start = System.nanoTime();
        double accuracy;
        LabelledImages test;
        try (Predictor predictor = Predictor.open(model, threads)) {
            test = LabelledImages.fashionMnist(data.dir(), LabelledImages.Split.TEST, limit);
            accuracy = test.accuracy(predictor, batch);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode root = mapper.createObjectNode();
            root.put("model", model.toString());
            root.put("dataset", dataset);
            root.put("images", test.count());
            root.put("threads", threads);
            root.putObject("metrics").put("test_accuracy", accuracy);
            root.putObject("time").put("wall_s", wall);
            System.out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        } else {
            System.out.printf("%s on %s: test accuracy %.4f (%d images, %d threads, %.1f s)%n", model, dataset,
                    accuracy, test.count(), threads, wall);
        }
        return 0;
    }
}
