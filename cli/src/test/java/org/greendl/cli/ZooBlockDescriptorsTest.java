package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.compress.prune.StructuredPruning;
import org.greendl.deploy.onnx.BlockConverter;
import org.greendl.nn.spec.BlockCodec;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.profile.LayerCounter;
import org.greendl.profile.blocks.BlockDescriptors;
import org.junit.jupiter.api.Test;

/**
 * Every block of every zoo model (each option value too) has a descriptor with all its parts: a profiler
 * counter, a model.json codec, an ONNX converter, and a structured-pruning rewrite or the stated reason why not.
 * This module sees every other, so it is where the registry is checked whole.
 */
class ZooBlockDescriptorsTest {

    @Test
    void everyZooBlockHasEveryPart() {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        int kinds = 0;
        for (Map.Entry<String, Block> e : kindsInZoo().entrySet()) {
            kinds++;
            List<String> m = missingParts(e.getValue());
            if (!m.isEmpty()) {
                missing.put(e.getKey(), m);
            }
        }
        assertTrue(kinds >= 20, "the walk found only " + kinds + " block kinds");
        assertEquals(Map.of(), missing, "zoo blocks without a part (block kind -> missing parts)");
    }

    /** The check itself: a block nothing describes lacks every part. */
    @Test
    void aBlockWithoutDescriptorLacksEveryPart() {
        assertEquals(List.of("counter", "codec", "converter", "pruning rewrite or reason"),
                missingParts(new Undescribed()));
    }

    static List<String> missingParts(Block b) {
        List<String> missing = new ArrayList<>();
        if (BlockDescriptors.find(b, LayerCounter.class).filter(c -> c.supports(b)).isEmpty()) {
            missing.add("counter");
        }
        if (BlockDescriptors.find(b, BlockCodec.class).filter(c -> c.supports(b)).isEmpty()) {
            missing.add("codec");
        }
        if (BlockDescriptors.find(b, BlockConverter.class).filter(c -> c.accepts(b)).isEmpty()) {
            missing.add("converter");
        }
        if (!StructuredPruning.rewrites(b) && StructuredPruning.whyNotRewritten(b).isEmpty()) {
            missing.add("pruning rewrite or reason");
        }
        return missing;
    }

    /** One block per kind (class, and name for DJL's lambda blocks), from every model and option value. */
    private static Map<String, Block> kindsInZoo() {
        Map<String, Block> kinds = new LinkedHashMap<>();
        for (String name : ModelZoo.names()) {
            walk(ModelZoo.build(name), kinds);
            for (Map.Entry<String, List<String>> o : ModelZoo.options(name).entrySet()) {
                for (String value : o.getValue()) {
                    walk(ModelZoo.build(name, Map.of(o.getKey(), value)), kinds);
                }
            }
        }
        return kinds;
    }

    private static void walk(Block b, Map<String, Block> kinds) {
        String kind = b.getClass().getName() + (b instanceof LambdaBlock l ? " '" + l.getName() + "'" : "");
        kinds.putIfAbsent(kind, b);
        for (Block child : b.getChildren().values()) {
            walk(child, kinds);
        }
    }

    private static final class Undescribed extends AbstractBlock {
        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                PairList<String, Object> params) {
            return inputs;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputs) {
            return inputs;
        }
    }
}
