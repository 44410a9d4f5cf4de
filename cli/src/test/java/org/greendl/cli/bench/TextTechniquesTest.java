package org.greendl.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Path;
import java.util.List;
import org.greendl.nn.zoo.InputSpec;
import org.junit.jupiter.api.Test;

/** The text set's variants, the control its fine-tuning brings, and what is skipped on another baseline. */
class TextTechniquesTest {
    private static BenchSettings settings(String baselineModel, List<String> techniques) {
        BenchData text = new BenchData(null, List.of("--data", "text:sections.tsv"), new InputSpec(new Shape(12), 3,
                100));
        return new BenchSettings("text", text, Path.of("bench"), true, techniques, "FRA", 1, 0, 1, 1, 1, 42, null,
                new InferenceBench.Settings(1, 0.1, 0), baselineModel);
    }

    @Test
    void theTextSetPrunesHeadsAfterTheTransformerBaseline() {
        Techniques t = new Techniques(settings(TextTechniques.BASELINE_MODEL, List.of()));
        List<String> names = t.selected().stream().map(Variant::name).toList();
        assertTrue(names.contains("prune-heads"), names.toString());
        assertFalse(t.inapplicable().containsKey("prune-heads"), t.inapplicable().toString());
        Variant heads = t.selected().stream().filter(v -> v.name().equals("prune-heads")).findFirst().orElseThrow();
        assertEquals(1, heads.extraEpochs(), "its fine-tuning epoch is matched by the control");
        assertEquals(BenchRunner.CONTROL, names.get(1));
    }

    @Test
    void aBagOfEmbeddingsBaselineHasNoHeadsToPrune() {
        Techniques t = new Techniques(settings("bag-of-embeddings", List.of("prune-heads")));
        assertEquals("the baseline, bag-of-embeddings, has no attention heads", t.inapplicable().get("prune-heads"));
        assertFalse(t.selected().stream().anyMatch(v -> v.name().equals("prune-heads")));
    }

    @Test
    void theWideInt8RowNeedsNoBaselineAndIsComparedWithItsOwnFp32() throws Exception {
        Techniques t = new Techniques(settings("bag-of-embeddings", List.of("int8-wide")));
        Variant wide = t.selected().stream().filter(v -> v.name().equals("int8-wide")).findFirst().orElseThrow();
        assertTrue(wide.needs().isEmpty(), "it trains its own network: " + wide.needs());
        var bench = BenchRunner.JSON.readTree("""
                {"variants": [
                  {"label": "baseline", "metrics": {"test_accuracy": 0.80}, "model": {"params": 10}},
                  {"label": "int8-wide", "trained": "text-transformer layers=2,width=512",
                   "metrics": {"test_accuracy": 0.7836},
                   "int8_vs_fp32": {"batch": 32, "rounds": 7, "threads": 2, "fp32_per_s": 2060, "int8_per_s": 4740,
                                    "int8_over_fp32": 2.27, "fp32_test_accuracy": 0.7831}}]}""");
        String lines = TextSummary.lines((com.fasterxml.jackson.databind.node.ObjectNode) bench);
        assertTrue(lines.contains("int8-wide (dynamic, text-transformer layers=2,width=512): 4740 vs 2060 texts/s fp32"
                + " at batch 32 (2.27x"), lines);
        assertTrue(lines.contains("accuracy +0.05 points vs its own fp32 model"), lines);
    }
}
