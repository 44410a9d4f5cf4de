package org.greendl.train.nas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.greendl.nn.spec.ModelSpec;
import org.greendl.profile.Profiler;
import org.junit.jupiter.api.Test;

class NasSpaceTest {
    static final String SPACE = "{\"family\": \"mobilenet\", \"stem_width\": [8], \"stages\": ["
            + "{\"depth\": [1, 2], \"width\": [8, 16], \"kernel\": [3, 5], \"expansion\": [1, 3], \"se\": [false, true],"
            + " \"stride\": 2}], \"head_width\": [32]}";

    private static String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> NasSpace.parse(text)).getMessage();
    }

    @Test
    void badSpacesAreRefusedNamingTheField() {
        assertEquals("stages: empty (give at least one stage)",
                error("{\"family\": \"mobilenet\", \"stages\": [], \"head_width\": [8]}"));
        assertTrue(error("{\"family\": \"resnet\", \"stages\": []}").startsWith("family: unknown family \"resnet\""));
        assertTrue(error(SPACE.replace("\"se\"", "\"dilation\"")).startsWith("stages[0].dilation: unknown field"));
        assertTrue(error(SPACE.replace("\"kernel\": [3, 5]", "\"kernel\": [3, 4]")).startsWith("stages[0].kernel: 4 is even"));
        assertTrue(error(SPACE.replace("\"width\": [8, 16]", "\"width\": []")).startsWith("stages[0].width: empty"));
        assertTrue(error(SPACE.replace("\"expansion\": [1, 3]", "\"expansion\": [0]"))
                .startsWith("stages[0].expansion: 0 is not a choice a block accepts"));
        assertTrue(error(SPACE.replace("\"width\": [8, 16]", "\"width\": [8, 8]")).startsWith("stages[0].width: 8 is given twice"));
        assertTrue(error(SPACE.replace("\"stride\": 2", "\"stride\": 3")).startsWith("stages[0].stride: 3"));
        assertTrue(error(SPACE.replace(", \"head_width\": [32]", "")).startsWith("head_width: missing"));
        assertTrue(error("{\"family\": \"mobilenet\", \"stages\": [], \"bogus\": 1}").startsWith("bogus: unknown field"));
    }

    @Test
    void theHeadPoolsByAverageOrFlattensAndTheKeySaysWhich() throws Exception {
        assertTrue(error(SPACE.replace("\"head_width\": [32]", "\"head_width\": [32], \"head_pool\": [\"max\"]"))
                .startsWith("head_pool: \"max\" is not a choice the head accepts (known: avg, flatten)"));
        assertTrue(error(SPACE.replace("\"head_width\": [32]", "\"head_width\": [32], \"head_pool\": []"))
                .startsWith("head_pool: expected a non-empty list"));
        assertTrue(error(SPACE.replace("\"head_width\": [32]", "\"head_width\": [32], \"head_pool\": [\"avg\", \"avg\"]"))
                .startsWith("head_pool: \"avg\" is given twice"));
        NasSpace space = NasSpace.parse(SPACE.replace("\"head_width\": [32]",
                "\"head_width\": [32], \"head_pool\": [\"flatten\", \"avg\"]"));
        assertEquals(64, space.size(), 0.0);
        int[] g = space.cheapest();
        assertEquals("avg", space.headPools().get(g[space.headPoolGene()]), "average pooling is the cheaper head");
        g[space.headPoolGene()] = space.headPools().indexOf("flatten");
        assertTrue(space.key(g).endsWith("-h32-flat"), space.key(g));
        assertEquals("flatten", space.choices(g).get("head_pool").asText());
        // 12x12 images, one stride-2 stage: the classifier reads 32 x 6 x 6 features when flattened, 32 when pooled.
        ModelSpec flat = ModelSpec.parse(space.spec(g, new long[] {1, 12, 12}, 3).toString());
        long flatMacs = Profiler.profile(flat.build(), new Shape(1, 1, 12, 12)).total().macs();
        g[space.headPoolGene()] = space.headPools().indexOf("avg");
        ModelSpec avg = ModelSpec.parse(space.spec(g, new long[] {1, 12, 12}, 3).toString());
        long avgMacs = Profiler.profile(avg.build(), new Shape(1, 1, 12, 12)).total().macs();
        assertEquals(3L * 32 * 6 * 6 - 3L * 32, flatMacs - avgMacs, "classifier MACs differ by 3 x 32 x (36 - 1)");
    }

    @Test
    void theCheapestArchitectureTakesEverySmallestChoiceWhateverTheirOrder() {
        NasSpace space = NasSpace.parse("{\"family\": \"mobilenet\", \"stem_width\": [16, 8], \"stages\": ["
                + "{\"depth\": [2, 1], \"width\": [24, 8, 16], \"kernel\": [5, 3], \"expansion\": [3, 1],"
                + " \"se\": [true, false]}], \"head_width\": [64, 32]}");
        assertEquals("s8-d1w8k3e1-h32", space.key(space.cheapest()));
        NasSpace onlySe = NasSpace.parse(SPACE.replace("[false, true]", "[true]"));
        assertTrue(onlySe.key(onlySe.cheapest()).endsWith("se-h32"), "SE kept where it is the only choice");
    }

    @Test
    void aCandidateIsAModelSpecThatBuildsAndMutationChangesOneChoice() throws Exception {
        NasSpace space = NasSpace.parse(SPACE);
        assertEquals(32, space.size(), 0.0);
        Random r = new Random(1);
        int[] g = space.sample(r);
        JsonNode doc = space.spec(g, new long[] {1, 12, 12}, 3);
        ModelSpec spec = ModelSpec.parse(doc.toString());
        long macs = Profiler.profile(spec.build(), new Shape(1, 1, 12, 12)).total().macs();
        assertTrue(macs > 0, doc.toString());
        int[] child = space.mutate(g, r);
        int changed = 0;
        for (int i = 0; i < g.length; i++) {
            changed += g[i] != child[i] ? 1 : 0;
        }
        assertEquals(1, changed);
        assertNotEquals(space.key(g), space.key(child));
    }

    @Test
    void aCandidateWithSqueezeExcitationExportsAndRunsInOnnxRuntime(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        NasSpace space = NasSpace.parse(SPACE);
        int[] g = new int[] {0, 1, 1, 1, 1, 1, 0, 0}; // depth 2, width 16, kernel 5, expansion 3, with SE
        assertTrue(space.key(g).contains("se"), space.key(g));
        java.nio.file.Path onnx = dir.resolve("se.onnx");
        Onnx.Built built = Onnx.export(space.spec(g, new long[] {1, 12, 12}, 3), new Shape(1, 12, 12), onnx);
        assertEquals(10, built.layerInputs().size(), "one input shape per layer: stem 3, blocks 2, head 5: "
                + built.layerInputs().size());
        var r = org.greendl.deploy.runtime.ServeBenchmark.run(onnx,
                new org.greendl.deploy.runtime.ServeBenchmark.Settings(java.util.List.of(1), 1, 1, 2, 0.0), null);
        assertTrue(r.get(0).latencyMsP50() > 0);
    }
}
