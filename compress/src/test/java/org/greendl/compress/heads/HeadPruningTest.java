package org.greendl.compress.heads;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.greendl.compress.Params;
import org.greendl.nn.attention.TransformerEncoder;
import org.greendl.nn.spec.BlockSpecs;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

/**
 * Head pruning on text-transformer: the pruned model equals the original with the removed heads' outputs zeroed,
 * its attention MACs are the hand count (half with 2 of 4 heads), its spec round-trips, and bad requests fail.
 */
class HeadPruningTest {
    static final int L = 12;
    static final int H = 32;
    static final int HEADS = 4;
    static final int V = 50;

    static Block model(String... options) {
        Map<String, String> o = new HashMap<>(Map.of("width", "" + H, "heads", "" + HEADS, "mlp", "64"));
        for (int i = 0; i < options.length; i += 2) {
            o.put(options[i], options[i + 1]);
        }
        return ModelZoo.build("text-transformer", o, InputSpec.tokens(L, V, 3));
    }

    static NDArray logits(Block b, NDManager m) {
        float[] ids = new float[3 * L];
        int[] lengths = {12, 7, 2};
        java.util.Random r = new java.util.Random(2);
        for (int i = 0; i < 3; i++) {
            for (int t = 0; t < lengths[i]; t++) {
                ids[i * L + t] = 2 + r.nextInt(V - 2);
            }
        }
        return b.forward(new ParameterStore(m, false), new NDList(m.create(ids, new Shape(3, L))), false)
                .singletonOrThrow();
    }

    /** Zeroes the output-projection columns of the heads not kept, in place. */
    static void zeroRemovedHeads(Block b, HeadPruning.Result r) {
        List<TransformerEncoder> encoders = new ArrayList<>();
        collect(b, encoders);
        for (int i = 0; i < encoders.size(); i++) {
            TransformerEncoder e = encoders.get(i);
            int d = e.headDim();
            int cols = e.heads() * d;
            Parameter w = Params.direct(e.attention().out(), "weight");
            float[] v = Params.values(w);
            int[] kept = r.layers().get(i).kept();
            for (int c = 0; c < cols; c++) {
                int head = c / d;
                if (java.util.Arrays.stream(kept).noneMatch(k -> k == head)) {
                    for (int row = 0; row < v.length / cols; row++) {
                        v[row * cols + c] = 0;
                    }
                }
            }
            Params.set(w, v);
        }
    }

    static void collect(Block b, List<TransformerEncoder> out) {
        if (b instanceof TransformerEncoder e) {
            if (!out.contains(e)) {
                out.add(e);
            }
            return;
        }
        b.getChildren().values().forEach(c -> collect(c, out));
    }

    /**
     * Attention MACs of one layer on n tokens with h heads of size d: qkv (n H 3hd), mixing (softmax 2 h n^2 d;
     * linear 2 h n d^2 plus the normalizer h n d), out (n hd H).
     */
    static long attentionMacs(int n, int heads, int d, boolean linear) {
        long inner = (long) heads * d;
        long mixing = linear ? 2L * heads * n * d * d + (long) heads * n * d : 2L * heads * n * n * d;
        return n * H * 3 * inner + mixing + n * inner * H;
    }

    @Test
    void prunedModelIsTheOriginalWithItsWeakestHeadsZeroed() {
        for (String[] variant : new String[][] {{}, {"attention", "linear"}, {"sharing", "albert", "layers", "3"},
            {"exits", "layer", "threshold", "2"}, {"pool", "cls", "factorized", "8"}}) {
            Engine.getInstance().setRandomSeed(3);
            Block original = model(variant);
            try (NDManager m = NDManager.newBaseManager()) {
                original.initialize(m, DataType.FLOAT32, new Shape(3, L));
                HeadPruning.Result r = HeadPruning.prune(original, new Shape(3, L), m, 2);
                String what = String.join(",", variant);
                int encoders = variant.length > 1 && variant[0].equals("sharing") ? 1 : 2;
                assertEquals(encoders, r.layers().size(), what);
                r.layers().forEach(l -> assertEquals(2, l.kept().length));
                boolean linear = variant.length > 1 && variant[1].equals("linear");
                int applications = variant.length > 1 && variant[0].equals("sharing") ? 3 : 2;
                int d = H / HEADS;
                int n = what.contains("cls") ? L + 1 : L; // the class token is one more position
                assertEquals(applications * attentionMacs(n, HEADS, d, linear), r.attentionMacsBefore(), what);
                assertEquals(applications * attentionMacs(n, 2, d, linear), r.attentionMacsAfter(), what);
                assertEquals(0.5, r.attentionMacsRemoved(), 1e-12, what);
                assertEquals(r.macsBefore() - r.macsAfter(), r.attentionMacsBefore() - r.attentionMacsAfter(), what);

                NDArray pruned = logits(r.block(), m);
                zeroRemovedHeads(original, r);
                NDArray zeroed = logits(original, m);
                float diff = pruned.sub(zeroed).abs().max().getFloat();
                System.out.println("head pruning " + what + ": attention MACs " + r.attentionMacsBefore() + " -> "
                        + r.attentionMacsAfter() + ", total " + r.macsBefore() + " -> " + r.macsAfter()
                        + ", max |pruned - zeroed heads| " + diff);
                assertTrue(diff < 1e-5, what + ": " + diff);
                String json = BlockSpecs.toJson(r.block());
                assertTrue(json.contains("\"head_dim\""), json);
                assertEquals(json, BlockSpecs.toJson(BlockSpecs.fromJson(json)));
            }
        }
    }

    @Test
    void feedForwardPruningEqualsZeroingTheRemovedUnits() {
        for (String[] variant : new String[][] {{}, {"sharing", "albert", "layers", "3"}}) {
            Engine.getInstance().setRandomSeed(5);
            Block original = model(variant);
            try (NDManager m = NDManager.newBaseManager()) {
                original.initialize(m, DataType.FLOAT32, new Shape(3, L));
                HeadPruning.Result r = HeadPruning.prune(original, new Shape(3, L), m, 1, 40);
                String what = String.join(",", variant);
                int applications = variant.length > 1 ? 3 : 2;
                // each application loses 40 of 64 hidden units (2 x L x 40 x H MACs) and 1 of 4 heads
                long mlpRemoved = applications * 2L * L * 40 * H;
                long attentionRemoved = applications * (attentionMacs(L, HEADS, H / HEADS, false)
                        - attentionMacs(L, 3, H / HEADS, false));
                assertEquals(attentionRemoved, r.attentionMacsBefore() - r.attentionMacsAfter(), what);
                assertEquals(mlpRemoved + attentionRemoved, r.macsBefore() - r.macsAfter(), what);
                r.layers().forEach(l -> assertEquals(24, l.keptHidden().length));
                NDArray pruned = logits(r.block(), m);
                zeroRemovedHeads(original, r);
                List<TransformerEncoder> encoders = new ArrayList<>();
                collect(original, encoders);
                for (int i = 0; i < encoders.size(); i++) {
                    Parameter w2 = Params.direct(encoders.get(i).mlp().getChildren().get(2).getValue(), "weight");
                    float[] v = Params.values(w2);
                    int hidden = encoders.get(i).mlpDim();
                    int[] kept = r.layers().get(i).keptHidden();
                    for (int u = 0; u < hidden; u++) {
                        int unit = u;
                        if (java.util.Arrays.stream(kept).noneMatch(k -> k == unit)) {
                            for (int row = 0; row < v.length / hidden; row++) {
                                v[row * hidden + u] = 0;
                            }
                        }
                    }
                    Params.set(w2, v);
                }
                float diff = pruned.sub(logits(original, m)).abs().max().getFloat();
                assertTrue(diff < 1e-5, what + ": " + diff);
                assertTrue(BlockSpecs.toJson(r.block()).replace(" ", "").contains("\"mlp_dim\":24"), what);
            }
        }
    }

    @Test
    void keepsTheHeadsWithTheLargestOutputColumns() {
        Engine.getInstance().setRandomSeed(4);
        Block b = model();
        try (NDManager m = NDManager.newBaseManager()) {
            b.initialize(m, DataType.FLOAT32, new Shape(1, L));
            List<TransformerEncoder> encoders = new ArrayList<>();
            collect(b, encoders);
            // scale heads 1 and 3 of the first encoder up: they must be the ones kept there
            Parameter w = Params.direct(encoders.get(0).attention().out(), "weight");
            float[] v = Params.values(w);
            int d = H / HEADS;
            for (int i = 0; i < v.length; i++) {
                int head = (i % H) / d;
                v[i] *= head == 1 || head == 3 ? 10 : 1;
            }
            Params.set(w, v);
            HeadPruning.Result r = HeadPruning.prune(b, new Shape(1, L), m, 2);
            assertArrayEquals(new int[] {1, 3}, r.layers().get(0).kept());
        }
    }

    @Test
    void refusesImpossibleRequests() {
        Block b = model();
        try (NDManager m = NDManager.newBaseManager()) {
            b.initialize(m, DataType.FLOAT32, new Shape(1, L));
            assertThrows(IllegalArgumentException.class, () -> HeadPruning.prune(b, new Shape(1, L), m, HEADS));
            assertThrows(IllegalArgumentException.class, () -> HeadPruning.prune(b, new Shape(1, L), m, 0));
            assertThrows(IllegalArgumentException.class, () -> HeadPruning.prune(b, new Shape(1, L), m, 0, 64));
            Block cnn = ModelZoo.build("cnn");
            cnn.initialize(m, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> HeadPruning.prune(cnn, new Shape(1, 1, 28, 28), m, 1));
            assertEquals("head pruning: the model has no transformer encoder layer", none.getMessage());
        }
    }
}
