package org.greendl.data.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DataProvenanceTest {
    private static final Normalization NORM = new Normalization(List.of(0.5f), List.of(0.25f), "training-split");

    private static DataProvenance provenance(String spec, String fingerprint, List<Long> shape, List<String> classes) {
        return new DataProvenance(spec, fingerprint, shape, classes, NORM, new SplitSizes(80, 20));
    }

    @Test
    void sameDataIsCompatibleSilently() {
        DataProvenance a = provenance("csv:a.csv", "sha256:aa", List.of(4L), List.of("x", "y"));
        assertEquals(Optional.empty(), a.compatible(provenance("csv:copy.csv", "sha256:aa", List.of(4L),
                List.of("x", "y"))));
    }

    @Test
    void otherContentWithTheSameShapeWarns() {
        DataProvenance a = provenance("csv:a.csv", "sha256:aa", List.of(4L), List.of("x", "y"));
        String warning = a.compatible(provenance("csv:b.csv", "sha256:bb", List.of(4L), List.of("x", "y")))
                .orElseThrow();
        assertEquals("data csv:b.csv has the same shape and classes as csv:a.csv but different content"
                + " (fingerprint sha256:bb, was sha256:aa)", warning);
    }

    @Test
    void otherShapeOrClassesAreRefusedNamingBoth() {
        DataProvenance a = provenance("folder:a", "sha256:aa", List.of(3L, 32L, 32L), List.of("cat", "dog"));
        assertEquals("data folder:b has input shape [1, 28, 28] but folder:a had [3, 32, 32]",
                assertThrows(IncompatibleDataException.class, () -> a.compatible(provenance("folder:b", "sha256:aa",
                        List.of(1L, 28L, 28L), List.of("cat", "dog")))).getMessage());
        assertEquals("data folder:c has classes [cat, fox] but folder:a had [cat, dog]",
                assertThrows(IncompatibleDataException.class, () -> a.compatible(provenance("folder:c", "sha256:cc",
                        List.of(3L, 32L, 32L), List.of("cat", "fox")))).getMessage());
    }

    @Test
    void roundTripsThroughJackson() throws Exception {
        DataProvenance a = provenance("npz:mnist.npz", "sha256:aa", List.of(1L, 28L, 28L), List.of("0", "1"));
        ObjectMapper json = new ObjectMapper();
        String text = json.writeValueAsString(a);
        JsonNode tree = json.readTree(text);
        assertEquals("npz:mnist.npz", tree.get("spec").asText());
        assertEquals(28, tree.get("inputShape").get(2).asInt());
        assertEquals(0.25, tree.get("normalization").get("std").get(0).asDouble(), 1e-9);
        assertEquals(80, tree.get("splits").get("train").asInt());
        assertEquals(a, json.readValue(text, DataProvenance.class));
        assertTrue(text.contains("\"classNames\":[\"0\",\"1\"]"), text);
    }
}
