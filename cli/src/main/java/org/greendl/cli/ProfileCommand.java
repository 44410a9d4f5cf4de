package org.greendl.cli;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.profile.Profile;
import org.greendl.profile.ProfileFormat;
import org.greendl.profile.ProfileOptions;
import org.greendl.profile.Profiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greendl profile MODEL}: parameters, MACs, FLOPs and bytes per layer and in total. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Count parameters, MACs, FLOPs, activation and weight bytes of a model, per layer and in"
                + " total (counting rules: profile/README.md).")
public final class ProfileCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "MODEL",
            description = "A zoo model (see 'greendl models'), or a model.json block spec (file or its folder).")
    String model;

    @Option(names = "--input", paramLabel = "N,C,H,W",
            description = "Input shape; default: the zoo model's own (for example 1,3,224,224).")
    String input;

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

    private Shape defaultInput() {
        if (model.endsWith(".json") || Files.isDirectory(Path.of(model))) {
            throw new Cli.UsageFailure("a model spec file has no default input: give --input, e.g. 1,1,28,28");
        }
        return ModelZoo.defaultInput(model);
    }

    private String name() {
        return model.endsWith(".json") || Files.isDirectory(Path.of(model)) ? Path.of(model).getFileName().toString()
                : model;
    }
}
