package org.greendl.compress.quantize;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.greendl.meter.io.AtomicFiles;

/**
 * The int8 quantization parameters learned by QAT, saved as {@code qat.json} beside the model for the int8
 * exporter: per layer (named as in {@link org.greendl.compress.Layers}), symmetric per-output-channel weight
 * scales (q = round(w / scale), zero point 0, codes in [-127, 127]) and, when activations were quantized, the
 * asymmetric per-tensor input range (q = round(x / scale) + zero_point, codes in [0, 255]).
 */
public record QatScales(@JsonProperty("format") String format, @JsonProperty("version") int version,
        @JsonProperty("layers") List<LayerScales> layers) {
    public static final String FILE = "qat.json";
    public static final String FORMAT = "greendl.qat";

    public record LayerScales(
            @JsonProperty("name") String name,
            @JsonProperty("weight_scales") float[] weightScales,
            @JsonProperty("input_scale") Float inputScale,
            @JsonProperty("input_zero_point") Integer inputZeroPoint,
            @JsonProperty("input_min") Float inputMin,
            @JsonProperty("input_max") Float inputMax) {}

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, JSON.writeValueAsBytes(this));
    }

    public static QatScales read(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == 0) {
            throw new IOException("cannot read " + file + ": the file is empty");
        }
        QatScales s;
        try {
            s = JSON.readValue(file.toFile(), QatScales.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("cannot read " + file + ": " + e.getOriginalMessage(), e);
        }
        if (s == null || !FORMAT.equals(s.format())) {
            throw new IOException("not a greendl qat.json (format " + (s == null ? null : s.format()) + "): " + file);
        }
        return s;
    }
}
