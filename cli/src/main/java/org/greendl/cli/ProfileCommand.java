package org.greendl.cli;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.onnx.proto.OnnxMl.ModelProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.greendl.deploy.onnx.OnnxModels;
import org.greendl.deploy.profile.InputBindings;
import org.greendl.deploy.profile.InputShapeException;
import org.greendl.deploy.profile.OnnxModelInfo;
import org.greendl.deploy.profile.OnnxProfiler;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.profile.Profile;
import org.greendl.profile.ProfileFormat;
import org.greendl.profile.ProfileOptions;
import org.greendl.profile.Profiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code greendl profile MODEL}: parameters, MACs, FLOPs and bytes per layer and in total, of a zoo model, a
 * model spec, or an ONNX file (per node, from its graph, with its producer, opsets, inputs and outputs).
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Count parameters, MACs, FLOPs, activation and weight bytes of a model, per layer and in"
                + " total (counting rules: profile/README.md).")
public final class ProfileCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "A zoo model (see 'greendl models'), a model.json block spec (file or its folder), or an"
                    + " ONNX file (model.onnx).")
    String model;

    @Option(names = "--input", paramLabel = "SHAPE|NAME=SHAPE",
            description = "Input shape; default: the zoo model's own (for example 1,3,224,224). For an ONNX file:"
                    + " NAME=SHAPE[:DTYPE] per input (repeatable), the batch written N (profiled at 1), e.g."
                    + " input=N,1,28,28; default: the declared shapes, a free batch dimension set to 1.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", description = "table, json or csv (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A model option, e.g. attention=linear.")
    List<String> options = new ArrayList<>();

    @Option(names = "--sparsity", description = "Read the weights and report effective MACs (MACs x non-zero share).")
    boolean sparsity;

    @Override
    public Integer call() {
        if (!List.of("table", "json", "csv").contains(format)) {
            throw new Cli.UsageFailure("--format must be table, json or csv, got '" + format + "'");
        }
        if (isOnnx()) {
            return profileOnnx();
        }
        if (inputs.size() > 1 || inputs.stream().anyMatch(i -> i.contains("="))) {
            throw new Cli.UsageFailure("--input for a zoo model or model spec is one shape such as 1,1,28,28, got "
                    + String.join(" ", inputs));
        }
        String input = inputs.isEmpty() ? null : inputs.get(0);
        Shape shape = input != null ? ModelArgs.parseShape(input) : defaultInput();
        Block block = ModelArgs.resolve(model, options);
        Profile p;
        try {
            p = Profiler.profile(block, shape, ProfileOptions.defaults().withSparsity(sparsity)).named(name());
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw new IllegalArgumentException("cannot profile " + model + " at input " + shape + ": " + why, e);
        }
        System.out.print(switch (format) {
            case "json" -> ProfileFormat.json(p) + System.lineSeparator();
            case "csv" -> ProfileFormat.csv(p);
            default -> ProfileFormat.table(p);
        });
        return 0;
    }

    /** A zoo name wins over a file of that name in the working folder; other files that are not specs are ONNX. */
    private boolean isOnnx() {
        if (ModelZoo.names().contains(model)) {
            return false;
        }
        return model.endsWith(".onnx") || Files.isRegularFile(Path.of(model)) && !model.endsWith(".json");
    }

    /** An ONNX file: counts from its graph, with what the file says about itself above the rows. */
    private Integer profileOnnx() {
        if (!options.isEmpty()) {
            throw new Cli.UsageFailure("--option is for zoo models; " + model + " is an ONNX file");
        }
        if (sparsity) {
            throw new Cli.UsageFailure("--sparsity is for zoo models and model specs, not ONNX files (" + model + ")");
        }
        Path file = Path.of(model);
        ModelProto onnx = OnnxModels.load(file);
        OnnxModelInfo info = OnnxModelInfo.of(onnx);
        Map<String, long[]> given = OnnxInputs.parse(inputs, info, model);
        Map<String, long[]> bound;
        Profile p;
        try {
            bound = InputBindings.bind(onnx, given);
            p = OnnxProfiler.profile(onnx, bound).named(file.getFileName().toString());
        } catch (InputShapeException e) {
            throw new Cli.UsageFailure("--input: " + e.getMessage() + " (" + model + ")");
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
            throw new IllegalArgumentException("cannot profile " + model + ": " + why, e);
        }
        System.out.print(switch (format) {
            case "json" -> ProfileFormat.json(p, Map.of("onnx", info.toMap(bound))) + System.lineSeparator();
            case "csv" -> ProfileFormat.csv(p);
            default -> ProfileFormat.table(p, info.headerLines(bound));
        });
        return 0;
    }

    private Shape defaultInput() {
        if (model.endsWith(".json") || Files.isDirectory(Path.of(model))) {
            Shape stated = ModelArgs.spec(model).batchedInput(1);
            if (stated == null) {
                throw new Cli.UsageFailure("this model spec states no \"input\": give --input, e.g. 1,1,28,28");
            }
            return stated;
        }
        return ModelZoo.defaultInput(model);
    }

    private String name() {
        return model.endsWith(".json") || Files.isDirectory(Path.of(model)) ? Path.of(model).getFileName().toString()
                : model;
    }
}
