package org.greendl.cli;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.nn.spec.ModelSpec;
import org.greendl.nn.zoo.ModelResolver;
import org.greendl.nn.zoo.ModelZoo;

/** Resolves a MODEL argument (a zoo name or a block-spec JSON file) and parses --input shapes. */
public final class ModelArgs {
    private ModelArgs() {}

    /** A zoo model by name, or a model.json (model spec) file or a folder holding one. */
    static Block resolve(String model, List<String> options) {
        ModelSpec spec = spec(model);
        return spec != null ? spec.build() : ModelZoo.build(model, options(options));
    }

    /** The spec a MODEL argument names (a .json file or a folder holding model.json); null for a zoo name. */
    static ModelSpec spec(String model) {
        Path path = Path.of(model);
        if (ModelResolver.isSpecFile(model) || Files.isDirectory(path)) {
            return ModelResolver.read(Files.isDirectory(path) ? path.resolve("model.json") : path);
        }
        return null;
    }

    /** KEY=VALUE pairs (--option) as a map; a malformed pair is a usage error. */
    public static Map<String, String> options(List<String> pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new Cli.UsageFailure("--option must be KEY=VALUE, got '" + p + "'");
            }
            out.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return out;
    }

    /** "1,3,224,224" to a shape; anything else is a usage error naming the value. */
    static Shape parseShape(String text) {
        String[] parts = text.split(",", -1);
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                dims[i] = Long.parseLong(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new Cli.UsageFailure("--input must be comma-separated positive integers such as 1,3,224,224,"
                        + " got '" + text + "'");
            }
            if (dims[i] < 1) {
                throw new Cli.UsageFailure("--input dimensions must be at least 1, got '" + text + "'");
            }
        }
        if (dims.length < 2) {
            throw new Cli.UsageFailure("--input needs a batch dimension and at least one more, got '" + text + "'");
        }
        return new Shape(dims);
    }
}
