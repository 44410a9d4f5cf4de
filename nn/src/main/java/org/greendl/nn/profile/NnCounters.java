package org.greendl.nn.profile;

import static org.greendl.profile.Shapes.elements;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.greendl.nn.AdaptiveAvgPool2d;
import org.greendl.nn.WrapperBlock;
import org.greendl.nn.attention.Attention;
import org.greendl.nn.attention.LinearAttention;
import org.greendl.nn.attention.PatchEmbedding;
import org.greendl.nn.attention.TokenMean;
import org.greendl.nn.bag.BagOfEmbeddings;
import org.greendl.nn.attention.TransformerEncoder;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.embedding.FactorizedEmbedding;
import org.greendl.nn.inverted.InvertedResidual;
import org.greendl.nn.se.SqueezeExcitation;
import org.greendl.nn.sharing.SharedLayers;
import org.greendl.nn.shuffle.ChannelShuffle;
import org.greendl.nn.text.SequenceHead;
import org.greendl.nn.text.TokenEmbedding;
import org.greendl.profile.CountContext;
import org.greendl.profile.LayerCounter;

/**
 * Counting rules of greendl-nn's blocks, one per block type; each is the counter part of its block's
 * descriptor ({@link org.greendl.nn.NnBlocks}). Composite blocks hand their children to the profiler and add
 * only their own element-wise work; attention's matrix products are counted here.
 */
public final class NnCounters {
    private NnCounters() {}

    /** A counting rule for blocks of one class. */
    public interface Rule<T extends Block> {
        Shape[] count(T block, Shape[] in, CountContext ctx);
    }

    /** The rule as a profiler counter for instances of {@code type}. */
    public static <T extends Block> LayerCounter counter(Class<T> type, Rule<T> rule) {
        return new LayerCounter() {
            @Override
            public boolean supports(Block b) {
                return type.isInstance(b);
            }

            @Override
            public Shape[] count(Block b, Shape[] in, CountContext ctx) {
                return rule.count(type.cast(b), in, ctx);
            }
        };
    }

    public static Shape[] invertedResidual(InvertedResidual ir, Shape[] in, CountContext ctx) {
        Shape[] out = ctx.visit("body", ir.body(), in);
        if (ir.residual()) {
            ctx.record("add", 0, elements(out[0]), out[0]);
        }
        return out;
    }

    public static Shape[] wrapper(WrapperBlock w, Shape[] in, CountContext ctx) {
        return ctx.visit("body", w.body(), in);
    }

    public static Shape[] channelShuffle(ChannelShuffle b, Shape[] in, CountContext ctx) {
        ctx.record("channel-shuffle", 0, 0, in[0]); // a permutation: data movement, no arithmetic
        return in;
    }

    public static Shape[] adaptiveAvgPool(AdaptiveAvgPool2d p, Shape[] in, CountContext ctx) {
        Shape out = p.getOutputShapes(in)[0];
        long[] k = p.window(in[0]);
        ctx.record("adaptive-avgpool", 0, elements(out) * k[0] * k[1], out);
        return new Shape[] {out};
    }

    /** With a key mask (second input) the mask goes to the attention and passes out unchanged. */
    public static Shape[] transformerEncoder(TransformerEncoder t, Shape[] in, CountContext ctx) {
        Shape[] x = ctx.visit("norm1", t.norm1(), new Shape[] {in[0]});
        x = ctx.visit("attention", t.attention(), in.length > 1 ? new Shape[] {x[0], in[1]} : x);
        ctx.recordPart("residual1", "add", 0, elements(x[0]), x[0]);
        Shape[] h = ctx.visit("norm2", t.norm2(), x);
        h = ctx.visit("mlp", t.mlp(), h);
        ctx.recordPart("residual2", "add", 0, elements(h[0]), h[0]);
        return in.length > 1 ? new Shape[] {h[0], in[1]} : h;
    }

    public static Shape[] patchEmbedding(PatchEmbedding p, Shape[] in, CountContext ctx) {
        ctx.visit("projection", p.projection(), in);
        Shape out = p.getOutputShapes(in)[0];
        ctx.recordPart("position", "add", 0, elements(out), out);
        return new Shape[] {out};
    }

    /** A table lookup, then the masked mean: a multiply by the mask and an add per looked-up value, a divide per output. */
    public static Shape[] bagOfEmbeddings(BagOfEmbeddings b, Shape[] in, CountContext ctx) {
        Shape out = b.getOutputShapes(in)[0];
        ctx.record("bag-of-embeddings", 0, 2 * elements(in[0]) * b.dimension() + elements(out), out);
        return new Shape[] {out};
    }

    public static Shape[] tokenMean(TokenMean b, Shape[] in, CountContext ctx) {
        Shape out = b.getOutputShapes(in)[0];
        ctx.record("token-mean", 0, elements(in[0]), out);
        return new Shape[] {out};
    }

    public static Shape[] sharedLayers(SharedLayers s, Shape[] in, CountContext ctx) {
        Shape[] x = in;
        for (int i = 0; i < s.repeats(); i++) {
            x = ctx.visit("layer@" + i, s.layer(), x); // parameters counted once, work every time
        }
        return x;
    }

    public static Shape[] factorizedEmbedding(FactorizedEmbedding e, Shape[] in, CountContext ctx) {
        Shape looked = e.lookupShape(in[0]);
        ctx.record("embedding", 0, 0, looked); // a table lookup
        return ctx.visit("projection", e.projection(), new Shape[] {looked});
    }

    /**
     * A table lookup (no arithmetic) or the factorized lookup and its E -> H projection; the class token is a
     * copy; the position embedding one add per output element; the mask (ids != 0, or the given one) one
     * compare per token.
     */
    public static Shape[] tokenEmbedding(TokenEmbedding e, Shape[] in, CountContext ctx) {
        Shape[] out = e.getOutputShapes(in);
        Shape ids = in[0];
        if (e.factorized() != null) {
            ctx.visit("factorized", e.factorized(), new Shape[] {ids});
        } else {
            ctx.recordPart("table", "embedding", 0, 0, new Shape(ids.get(0), ids.get(1), e.hiddenSize()));
        }
        ctx.recordPart("position", "add", 0, elements(out[0]), out[0]);
        ctx.recordPart("mask", "compare", 0, elements(ids), out[1]);
        return out;
    }

    /**
     * Layer norm, then mean pooling over the unmasked tokens (the sum of hidden x mask over the tokens: one MAC per
     * hidden element, as a dot product; plus the sum of the mask and one divide per output) or the class token (a
     * copy), then the classifier. Without a mask the mean is TokenMean's (one add per element, no MACs).
     */
    public static Shape[] sequenceHead(SequenceHead head, Shape[] in, CountContext ctx) {
        Shape hidden = in[0];
        ctx.visit("norm", head.norm(), new Shape[] {hidden});
        Shape pooled = head.pooledShape(hidden);
        if ("mean".equals(head.pool()) && in.length > 1) {
            long macs = elements(hidden);
            ctx.recordPart("pool", "masked-mean", macs, 2 * macs + elements(in[1]) + elements(pooled), pooled);
        } else if ("mean".equals(head.pool())) {
            ctx.recordPart("pool", "token-mean", 0, elements(hidden), pooled);
        } else {
            ctx.recordPart("pool", "cls-token", 0, 0, pooled);
        }
        return ctx.visit("classifier", head.classifier(), new Shape[] {pooled});
    }

    public static Shape[] squeezeExcitation(SqueezeExcitation se, Shape[] in, CountContext ctx) {
        Shape x = in[0];
        Shape pooled = new Shape(x.get(0), x.get(1), 1, 1);
        ctx.recordPart("squeeze", "global-avgpool", 0, elements(x), pooled);
        Shape[] s = ctx.visit("reduce", se.reduce(), new Shape[] {pooled});
        ctx.recordPart("relu", "relu", 0, elements(s[0]), s[0]);
        s = ctx.visit("expand", se.expand(), s);
        ctx.recordPart("sigmoid", "sigmoid", 0, 4 * elements(s[0]), s[0]);
        ctx.recordPart("scale", "mul", 0, elements(x), x);
        return in;
    }

    /**
     * Softmax: Q K^T is B h N N d MACs (plus one scaling FLOP per score), softmax 5 FLOPs per score (max,
     * subtract, exp, sum, divide), A V another B h N N d MACs. Linear: the feature map elu+1 is 4 FLOPs per
     * element of Q and K, phi(K)^T V and phi(Q)(phi(K)^T V) are B h N d d MACs each, the normaliser
     * phi(Q) . sum phi(K) B h N d MACs (plus B h N d adds for the sum), and one divide per output element.
     * A key mask (second input) costs one FLOP per score (softmax: the -1e9 bias added) or per element of
     * phi(K) (linear: zeroed by a multiply), plus 2 per mask element to make the bias; no MACs.
     */
    public static Shape[] attention(Attention a, Shape[] in, CountContext ctx) {
        Shape x = in[0];
        long batch = x.get(0);
        long n = x.get(1);
        long h = a.heads();
        long d = a.headDim();
        Shape[] tokens = {x};
        ctx.visit("qkv", a.qkv(), tokens);
        if (in.length > 1) {
            long masked = a instanceof LinearAttention ? batch * h * n * d : batch * h * n * n;
            ctx.recordPart("mask", "attention-mask", 0, masked + 2 * elements(in[1]), in[1]);
        }
        if (a instanceof LinearAttention) {
            ctx.recordPart("feature-map", "elu+1", 0, 4 * 2 * elements(x), new Shape(batch, h, n, d));
            long kv = batch * h * n * d * d;
            ctx.recordPart("kv", "attention-ktv", kv, 2 * kv, new Shape(batch, h, d, d));
            long norm = batch * h * n * d;
            ctx.recordPart("normalizer", "attention-norm", norm, 2 * norm + norm, new Shape(batch, h, n, 1));
            ctx.recordPart("context", "attention-qkv", kv, 2 * kv + batch * n * h * d, new Shape(batch, h, n, d));
        } else {
            long scores = batch * h * n * n;
            long qk = scores * d;
            ctx.recordPart("scores", "attention-qk", qk, 2 * qk + scores, new Shape(batch, h, n, n));
            ctx.recordPart("softmax", "softmax", 0, 5 * scores, new Shape(batch, h, n, n));
            ctx.recordPart("context", "attention-av", qk, 2 * qk, new Shape(batch, h, n, d));
        }
        // the output projection reads the h heads of size d, which is not the embedding width once heads are pruned
        return ctx.visit("out", a.out(), new Shape[] {new Shape(batch, n, h * d)});
    }

    /**
     * Worst case: every stage and every head, plus each early head's confidence (softmax 5 FLOPs per logit
     * and one compare). The average cost of a run depends on where samples leave; see EarlyExitCosts.
     */
    public static Shape[] earlyExit(EarlyExitNet net, Shape[] in, CountContext ctx) {
        Shape[] x = in;
        Shape[] out = null;
        int last = net.stages().size() - 1;
        for (int i = 0; i <= last; i++) {
            x = ctx.visit("stage" + i, net.stages().get(i), x);
            out = ctx.visit("exit" + i, net.heads().get(i), x);
            if (i < last) {
                ctx.recordPart("exit" + i + "/confidence", "softmax", 0,
                        5 * elements(out[0]) + out[0].get(0), new Shape(out[0].get(0)));
            }
        }
        return out;
    }
}
