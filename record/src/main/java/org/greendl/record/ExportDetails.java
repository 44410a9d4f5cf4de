package org.greendl.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * The blocks an {@code export} or {@code int8} record adds to its {@code config}: {@code "int8"} (how the
 * model was quantized) and {@code "parity"} (the DJL and ONNX Runtime outputs compared on a sample of test
 * images). A field that does not apply to the way the model was made is left out.
 */
public final class ExportDetails {
    // Strict: a field the exporter adds without adding it here must fail a test, not vanish from the record.
    private static final ObjectMapper STRICT = Json.MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ExportDetails() {}

    /** The typed int8 block of what the exporter reported. */
    public static Int8 int8(JsonNode reported) {
        return convert(reported, Int8.class);
    }

    /** The typed parity block of what the exporter reported. */
    public static Parity parity(JsonNode reported) {
        return convert(reported, Parity.class);
    }

    private static <T> T convert(JsonNode reported, Class<T> type) {
        try {
            // Through JSON text: the exporter puts lists in as POJO nodes, which a tree-to-value conversion refuses.
            return STRICT.readValue(STRICT.writeValueAsString(reported), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("export details do not fit " + type.getSimpleName() + ": "
                    + Json.firstLine(e.getOriginalMessage()), e);
        }
    }

    /**
     * How an int8 model was made: dynamic ({@code calibration} {@code dynamic}) or static (calibrated, maybe with
     * QAT's learned scales from {@code qat_scales}, maybe with the most sensitive layers kept in float under
     * {@code --auto-float}), and which ops ONNX Runtime runs after its graph optimizations.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Int8(String qatScales, Double agreementWithFp32, Double agreementFullyQuantized,
            Map<String, Double> sensitivity, List<String> keptFloat, String calibration, Integer calibrationSize,
            Boolean perChannel, Integer quantizedNodes, Integer foldedBatchNorms, List<String> layoutRewrites,
            Double sizeRatio, Map<String, Integer> ortOptimizedOps) {}

    /** The fp32 export against the DJL model on {@code images} test images (and the int8 model's accuracy). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parity(Integer images, Double maxAbsDiff, Double testAccuracyFp32, Double testAccuracyInt8) {}
}
