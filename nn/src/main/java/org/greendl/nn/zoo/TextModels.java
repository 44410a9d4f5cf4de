package org.greendl.nn.zoo;

import static org.greendl.nn.Layers.linear;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import java.util.Map;
import org.greendl.nn.attention.TransformerEncoder;
import org.greendl.nn.bag.BagOfEmbeddings;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.sharing.SharedLayers;
import org.greendl.nn.text.SequenceHead;
import org.greendl.nn.text.TokenEmbedding;

/** The text models, sized by a token input ({@link InputSpec#tokens}). */
final class TextModels {
    private TextModels() {}

    /** fastText style: a {@code V x dim} table, the mean over non-padding tokens, a linear head. */
    static SequentialBlock bagOfEmbeddings(int vocabulary, int dim, int classes) {
        return new SequentialBlock().add(BagOfEmbeddings.builder().setVocabularySize(vocabulary).setDimension(dim)
                .build()).add(linear(classes));
    }

    /**
     * A pre-norm transformer encoder on tokens: embedding (plain or factorized), learned positions, N encoder
     * layers (softmax or linear attention, padding masked; separate or one shared ALBERT-style), then layer norm,
     * mean or class-token pooling and a linear head. With {@code exits=layer} a head follows every layer and a
     * confident sample leaves there ({@link EarlyExitNet}).
     */
    static Block textTransformer(Map<String, String> o, InputSpec in) {
        int width = positive(o, "width", 64);
        int heads = positive(o, "heads", 4);
        int layers = positive(o, "layers", 2);
        int mlp = positive(o, "mlp", 2 * width);
        int factorized = atLeastZero(o, "factorized", 0);
        String attention = o.getOrDefault("attention", "softmax");
        String sharing = o.getOrDefault("sharing", "none");
        String pool = o.getOrDefault("pool", "mean");
        boolean exits = "layer".equals(o.getOrDefault("exits", "none"));
        if (width % heads != 0) {
            throw new IllegalArgumentException("text-transformer: width " + width + " is not a multiple of heads "
                    + heads);
        }
        if (o.containsKey("threshold") && !exits) {
            throw new IllegalArgumentException("text-transformer: threshold needs exits=layer");
        }
        boolean albert = "albert".equals(sharing);
        if (albert && exits) {
            throw new IllegalArgumentException("text-transformer: exits=layer cannot be combined with sharing=albert"
                    + " (an exit after each application of the one shared layer is not built)");
        }
        TokenEmbedding embedding = TokenEmbedding.builder().setVocabularySize(in.vocabulary()).setHiddenSize(width)
                .optFactorizedSize(factorized).optClassToken("cls".equals(pool)).build();
        if (exits) {
            EarlyExitNet.Builder net = EarlyExitNet.builder().optThreshold(ModelZoo.threshold("text-transformer", o));
            for (int i = 0; i < layers; i++) {
                Block encoder = encoder(width, heads, mlp, attention);
                Block stage = i == 0 ? new SequentialBlock().addAll(embedding, encoder) : encoder;
                net.addStage(stage, head(pool, in.classes()));
            }
            return net.build();
        }
        SequentialBlock net = new SequentialBlock().add(embedding);
        if (albert) {
            net.add(SharedLayers.builder().setLayer(encoder(width, heads, mlp, attention)).setRepeats(layers).build());
        } else {
            for (int i = 0; i < layers; i++) {
                net.add(encoder(width, heads, mlp, attention));
            }
        }
        return net.add(head(pool, in.classes()));
    }

    private static Block encoder(int width, int heads, int mlp, String attention) {
        return TransformerEncoder.builder().setEmbedDim(width).setHeads(heads).optMlpDim(mlp)
                .optAttention(attention).build();
    }

    private static Block head(String pool, int classes) {
        return SequenceHead.builder().setClasses(classes).optPool(pool).build();
    }

    /** Refuses anything but token ids. */
    static String refuses(InputSpec in) {
        if (in.isTokens()) {
            return null;
        }
        return "it takes token sequences (text data), not " + (in.isImage() ? "images" : "a feature vector of "
                + in.shape().get(0));
    }

    private static int positive(Map<String, String> o, String key, int fallback) {
        int v = integer(o, key, fallback);
        if (v < 1) {
            throw new IllegalArgumentException("text-transformer: " + key + " must be at least 1, got " + v);
        }
        return v;
    }

    private static int atLeastZero(Map<String, String> o, String key, int fallback) {
        int v = integer(o, key, fallback);
        if (v < 0) {
            throw new IllegalArgumentException("text-transformer: " + key + " must be 0 (off) or more, got " + v);
        }
        return v;
    }

    private static int integer(Map<String, String> o, String key, int fallback) {
        String s = o.get(key);
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("text-transformer: " + key + " must be a whole number, got '" + s + "'");
        }
    }
}
