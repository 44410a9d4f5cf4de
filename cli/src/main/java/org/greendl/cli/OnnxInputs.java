package org.greendl.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.deploy.profile.OnnxModelInfo;

/**
 * {@code --input NAME=SHAPE[:DTYPE]} for ONNX models: the whole shape, comma-separated, the batch dimension
 * written {@code N} (1 here: profiles count one sample) or as a number; a bare SHAPE when the model has one
 * input. A DTYPE, when given, must be the input's own.
 */
final class OnnxInputs {
    private OnnxInputs() {}

    static Map<String, long[]> parse(List<String> specs, OnnxModelInfo info, String file) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (String spec : specs) {
            int eq = spec.indexOf('=');
            String name;
            if (eq < 0) {
                if (info.inputs().size() != 1) {
                    throw new Cli.UsageFailure("--input " + spec + ": " + file + " has " + info.inputs().size()
                            + " inputs (" + names(info) + "): write NAME=SHAPE");
                }
                name = info.inputs().get(0).name();
            } else {
                name = spec.substring(0, eq).strip();
            }
            String rest = eq < 0 ? spec : spec.substring(eq + 1);
            String dtype = null;
            int colon = rest.lastIndexOf(':');
            if (colon >= 0) {
                dtype = rest.substring(colon + 1).strip();
                rest = rest.substring(0, colon);
            }
            OnnxModelInfo.Value input = info.inputs().stream().filter(v -> v.name().equals(name)).findFirst()
                    .orElseThrow(() -> new Cli.UsageFailure("--input " + spec + ": " + file + " has no input '" + name
                            + "' (inputs: " + names(info) + ")"));
            if (dtype != null && !dtype.equals(input.dtype())) {
                throw new Cli.UsageFailure("--input " + spec + ": input '" + name + "' of " + file + " is "
                        + input.dtype() + ", not " + dtype);
            }
            if (shapes.put(name, dims(rest, spec)) != null) {
                throw new Cli.UsageFailure("--input " + spec + ": input '" + name + "' is given twice");
            }
        }
        return shapes;
    }

    private static long[] dims(String text, String spec) {
        String[] parts = text.split(",", -1);
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (p.equals("N")) {
                dims[i] = 1;
                continue;
            }
            try {
                dims[i] = Long.parseLong(p);
            } catch (NumberFormatException e) {
                throw new Cli.UsageFailure("--input " + spec + ": a shape is comma-separated sizes, the batch written N,"
                        + " such as input=N,1,28,28");
            }
            if (dims[i] < 1) {
                throw new Cli.UsageFailure("--input " + spec + ": dimensions must be at least 1");
            }
        }
        return dims;
    }

    private static String names(OnnxModelInfo info) {
        return String.join(", ", info.inputs().stream().map(OnnxModelInfo.Value::name).toList());
    }
}
