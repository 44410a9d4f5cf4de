package org.greendl.nn.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.spec.BlockSpecs;
import org.greendl.profile.LayerProfile;
import org.greendl.profile.Profile;
import org.greendl.profile.Profiler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * text-transformer: padding changes nothing (masked out of attention and pooling), non-token inputs are refused in
 * one line, and the profiler's parameters and MACs equal a hand count at several sequence lengths.
 */
class TextTransformerTest {
    private static final int V = 50;
    private static final int H = 16;
    private static final int HEADS = 2;
    private static final int MLP = 32;
    private static final int C = 3;

    private static Map<String, String> small(String... more) {
        Map<String, String> o = new HashMap<>(Map.of("width", "" + H, "heads", "" + HEADS, "mlp", "" + MLP));
        for (int i = 0; i < more.length; i += 2) {
            o.put(more[i], more[i + 1]);
        }
        return o;
    }

    private static NDArray logits(Block b, NDManager m, float[] ids, int batch, int length) {
        NDArray x = m.create(ids, new Shape(batch, length));
        return b.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
    }

    /**
     * Two texts of 3 and 5 tokens padded to 8, then the same texts padded to 12 (the model was sized for 12):
     * the logits are the same, and so they are when the padding slots hold other ids but the mask says padding.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "attention=linear", "pool=cls", "sharing=albert", "factorized=4",
        "exits=layer,threshold=2"})
    void paddingIsMaskedOut(String variant) {
        Map<String, String> o = small();
        for (String kv : variant.isEmpty() ? new String[0] : variant.split(",")) {
            o.put(kv.split("=")[0], kv.split("=")[1]);
        }
        Block b = ModelZoo.build("text-transformer", o, InputSpec.tokens(12, V, C));
        try (NDManager m = NDManager.newBaseManager()) {
            b.initialize(m, DataType.FLOAT32, new Shape(2, 12));
            float[] short8 = {5, 6, 7, 0, 0, 0, 0, 0, 9, 10, 11, 12, 13, 0, 0, 0};
            float[] long12 = new float[24];
            System.arraycopy(short8, 0, long12, 0, 8);
            System.arraycopy(short8, 8, long12, 12, 8);
            NDArray a = logits(b, m, short8, 2, 8);
            NDArray c = logits(b, m, long12, 2, 12);
            assertArrayEquals(new long[] {2, C}, a.getShape().getShape());
            assertTrue(a.sub(c).abs().max().getFloat() < 1e-5f, variant + ": " + a + " vs " + c);
            // other ids in the padding slots, with an explicit mask: still the same
            float[] noisy = short8.clone();
            float[] mask = new float[16];
            for (int i = 0; i < 16; i++) {
                mask[i] = short8[i] == 0 ? 0 : 1;
                if (short8[i] == 0) {
                    noisy[i] = 2 + i;
                }
            }
            NDArray d = b.forward(new ParameterStore(m, false), new NDList(m.create(noisy, new Shape(2, 8)),
                    m.create(mask, new Shape(2, 8))), false).singletonOrThrow();
            assertTrue(a.sub(d).abs().max().getFloat() < 1e-5f, variant + ": " + a + " vs " + d);
            // the padding ids themselves unmasked change the result: the check above can fail
            NDArray e = logits(b, m, noisy, 2, 8);
            assertTrue(a.sub(e).abs().max().getFloat() > 1e-4f, variant + ": unmasked noise changed nothing");
        }
    }

    @Test
    void refusesNonTokenInputsInOneLine() {
        IllegalArgumentException image = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("text-transformer", Map.of(), InputSpec.FASHION_MNIST));
        assertEquals("model 'text-transformer' cannot take 1x28x28 with 10 classes: it takes token sequences"
                + " (text data), not images", image.getMessage());
        IllegalArgumentException features = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("text-transformer", Map.of(), new InputSpec(new Shape(30), 3)));
        assertFalse(features.getMessage().contains("\n"));
        assertTrue(features.getMessage().endsWith("not a feature vector of 30"), features.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.build("text-transformer",
                Map.of("width", "10", "heads", "4"), InputSpec.tokens(8, V, C)));
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> ModelZoo.build(
                "text-transformer", Map.of("exits", "layer", "sharing", "albert"), InputSpec.tokens(8, V, C)));
        assertTrue(both.getMessage().contains("exits=layer cannot be combined with sharing=albert"));
        // image models refuse tokens too: vit-tiny has no patches in a sequence
        assertThrows(IllegalArgumentException.class, () -> ModelZoo.build("vit-tiny", Map.of(),
                InputSpec.tokens(8, V, C)));
    }

    @Test
    void exitsMakeAnEarlyExitNetWithAHeadPerLayer() {
        Block b = ModelZoo.build("text-transformer", small("exits", "layer", "layers", "3"), InputSpec.tokens(8, V, C));
        EarlyExitNet net = (EarlyExitNet) b;
        assertEquals(3, net.stages().size());
        assertEquals(0.9f, net.threshold());
        String json = BlockSpecs.toJson(b);
        assertEquals(json, BlockSpecs.toJson(BlockSpecs.fromJson(json)));
    }

    /** Hand count of one encoder layer's parameters: two norms, qkv, out, two MLP layers. */
    private static long layerParams() {
        return 2 * H + (H * 3 * H + 3 * H) + (H * H + H) + 2 * H + (H * MLP + MLP) + (MLP * H + H);
    }

    /** MACs of one encoder layer on n tokens: qkv, Q K^T and A V (or linear attention's three), out, MLP. */
    private static long layerMacs(long n, boolean linear) {
        long d = H / HEADS;
        long mixing = linear ? 2 * HEADS * n * d * d + HEADS * n * d : 2 * HEADS * n * n * d;
        return n * H * 3 * H + mixing + n * H * H + 2 * n * H * MLP;
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 64, 256})
    void profileEqualsAHandCount(int length) {
        int layers = 2;
        long headParams = 2 * H + (H * C + C);
        Profile p = Profiler.profile(ModelZoo.build("text-transformer", small(), InputSpec.tokens(length, V, C)),
                new Shape(1, length));
        assertEquals(V * H + (long) length * H + layers * layerParams() + headParams, p.total().params());
        long meanPool = (long) length * H; // the masked mean: sum over tokens of hidden x mask
        assertEquals(layers * layerMacs(length, false) + meanPool + H * C, p.total().macs());
        assertEquals(List.of(), p.uncounted());
        long attention = p.layers().stream().filter(r -> r.type().startsWith("attention-"))
                .mapToLong(LayerProfile::macs).sum();
        assertEquals(layers * 2L * length * length * H, attention, "Q K^T and A V grow with L^2");

        Profile lin = Profiler.profile(ModelZoo.build("text-transformer", small("attention", "linear"),
                InputSpec.tokens(length, V, C)), new Shape(1, length));
        assertEquals(p.total().params(), lin.total().params());
        assertEquals(layers * layerMacs(length, true) + meanPool + H * C, lin.total().macs());

        // ALBERT: one layer's parameters, every layer's MACs; factorized E = 4: V E + E H + H instead of V H;
        // a class token: one more token and one more parameter vector
        Profile shared = Profiler.profile(ModelZoo.build("text-transformer", small("sharing", "albert", "layers", "4"),
                InputSpec.tokens(length, V, C)), new Shape(1, length));
        assertEquals(V * H + (long) length * H + layerParams() + headParams, shared.total().params());
        assertEquals(4 * layerMacs(length, false) + meanPool + H * C, shared.total().macs());
        Profile factorized = Profiler.profile(ModelZoo.build("text-transformer", small("factorized", "4"),
                InputSpec.tokens(length, V, C)), new Shape(1, length));
        assertEquals(V * 4 + 4 * H + H + (long) length * H + layers * layerParams() + headParams,
                factorized.total().params());
        assertEquals(layers * layerMacs(length, false) + (long) length * 4 * H + meanPool + H * C,
                factorized.total().macs());
        Profile cls = Profiler.profile(ModelZoo.build("text-transformer", small("pool", "cls"),
                InputSpec.tokens(length, V, C)), new Shape(1, length));
        assertEquals(V * H + (length + 1L) * H + H + layers * layerParams() + headParams, cls.total().params());
        assertEquals(layers * layerMacs(length + 1, false) + H * C, cls.total().macs());
    }
}
