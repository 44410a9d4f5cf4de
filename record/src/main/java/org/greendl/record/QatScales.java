package org.greendl.record;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The int8 quantization parameters learned by QAT, saved as {@code qat.json} beside the model (greendl-compress
 * writes it, the int8 exporter of greendl-deploy reads it): per weight layer, named by its block path with
 * {@code _} between levels (e.g. {@code 01Conv2d} or {@code stage0_01Conv2d}), symmetric per-output-channel
 * weight scales (q = round(w / scale), zero point 0, codes in [-127, 127]) and, when activations were quantized,
 * the asymmetric per-tensor input range (q = round(x / scale) + zero_point, codes in [0, 255]).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QatScales(@JsonProperty("format") String format, @JsonProperty("version") int version,
        @JsonProperty("layers") List<Layer> layers) {
    public static final String FILE = "qat.json";
    public static final String FORMAT = "greendl.qat";

    /** One layer's scales; the input fields are null when its input was not quantized. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Layer(
            @JsonProperty("name") String name,
            @JsonProperty("weight_scales") float[] weightScales,
            @JsonProperty("input_scale") Float inputScale,
            @JsonProperty("input_zero_point") Integer inputZeroPoint,
            @JsonProperty("input_min") Float inputMin,
            @JsonProperty("input_max") Float inputMax) {}

    public void write(Path file) throws IOException {
        AtomicFiles.write(file, Json.MAPPER.writeValueAsBytes(this));
    }

    public static QatScales read(Path file) throws IOException {
        if (Files.isRegularFile(file) && Files.size(file) == 0) {
            throw new IOException("cannot read " + file + ": the file is empty");
        }
        QatScales s;
        try {
            s = Json.MAPPER.readValue(file.toFile(), QatScales.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("cannot read " + file + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + ": " + Json.firstLine(e.getMessage()), e);
        }
        if (s == null || !FORMAT.equals(s.format()) || s.layers() == null) {
            throw new IOException("not a greendl qat.json (format " + (s == null ? null : s.format()) + "): " + file);
        }
        return s;
    }
}
