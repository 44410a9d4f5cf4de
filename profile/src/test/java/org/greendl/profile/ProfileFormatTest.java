package org.greendl.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The header lines and extra JSON members a model file's own metadata goes into. */
class ProfileFormatTest {
    static Profile profile() {
        LayerProfile conv = new LayerProfile("conv", "Conv", new Shape(1, 2, 4, 4), 20, 20, 288, 608, 128, 80, -1);
        return new Profile("m.onnx", new Shape(1, 1, 4, 4), List.of(conv),
                new ProfileTotals(20, 20, 288, 608, 128, 80, Map.of("float32", 80L), 0, -1), List.of());
    }

    @Test
    void headerLinesFollowTheFirstLine() {
        String table = ProfileFormat.table(profile(), List.of("onnx: producer x", "input  input float32 [N,1,4,4]"));
        List<String> lines = table.lines().toList();
        assertEquals("model m.onnx, input (1, 1, 4, 4)", lines.get(0));
        assertEquals("onnx: producer x", lines.get(1));
        assertEquals("input  input float32 [N,1,4,4]", lines.get(2));
        assertTrue(lines.get(3).startsWith("layer"), table);
        assertEquals(ProfileFormat.table(profile()), ProfileFormat.table(profile(), List.of()));
    }

    @Test
    void extraMembersComeAfterTheInput() {
        String json = ProfileFormat.json(profile(), Map.of("onnx", Map.of("ir_version", 8L, "dims", List.of("N", "1"))));
        assertTrue(json.matches("(?s)\\{\\s*\"model\": \"m.onnx\",\\s*\"input\": \\[[^]]*\\],\\s*\"onnx\": \\{.*"), json);
        assertTrue(json.contains("\"ir_version\": 8") && json.contains("\"N\""), json);
        assertEquals(ProfileFormat.json(profile()), ProfileFormat.json(profile(), Map.of()));
    }
}
