package org.greendl.deploy.int8;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The scales learned by quantization-aware training (greendl-compress writes them as {@code qat.json} beside the
 * model): per weight layer, named by its block path with {@code _} between levels (e.g. {@code 01Conv2d} or
 * {@code stage0_01Conv2d}), symmetric per-output-channel weight scales and, when inputs were quantized, the
 * uint8 input range. Read here with our own record so deploy does not depend on the compress module.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QatScales(@JsonProperty("format") String format, @JsonProperty("version") int version,
                        @JsonProperty("layers") List<Layer> layers) {
    public static final String FILE = "qat.json";
    public static final String FORMAT = "greendl.qat";

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Layer(@JsonProperty("name") String name, @JsonProperty("weight_scales") float[] weightScales,
                        @JsonProperty("input_scale") Float inputScale,
                        @JsonProperty("input_zero_point") Integer inputZeroPoint,
                        @JsonProperty("input_min") Float inputMin, @JsonProperty("input_max") Float inputMax) {

        /** The input range, from min/max when given, else from scale and zero point; null when not quantized. */
        Range inputRange() {
            if (inputMin != null && inputMax != null) {
                return new Range(inputMin, inputMax);
            }
            if (inputScale != null && inputZeroPoint != null) {
                return new Range(-inputZeroPoint * inputScale, (255 - inputZeroPoint) * inputScale);
            }
            return null;
        }

        /** Whether ONNX node {@code nodeName} of graph {@code graph} belongs to this layer. */
        boolean matches(String graph, String nodeName) {
            return nodeName.startsWith(graph + "/" + name.replace('_', '/') + "/");
        }
    }

    public static QatScales read(Path file) throws IOException {
        QatScales s;
        if (java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.size(file) == 0) {
            throw new IOException("cannot read " + file + ": the file is empty");
        }
        try {
            s = new ObjectMapper().readValue(file.toFile(), QatScales.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("cannot read " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (s == null || !FORMAT.equals(s.format()) || s.layers() == null) {
            throw new IOException("not a greendl qat.json (format " + (s == null ? null : s.format()) + "): " + file);
        }
        return s;
    }
}
