package org.greendl.nn.spec;

import static org.greendl.nn.spec.CoreCodecs.codec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.nn.AdaptiveAvgPool2d;
import org.greendl.nn.attention.LinearAttention;
import org.greendl.nn.attention.PatchEmbedding;
import org.greendl.nn.attention.SoftmaxAttention;
import org.greendl.nn.attention.TokenMean;
import org.greendl.nn.bag.BagOfEmbeddings;
import org.greendl.nn.attention.TransformerEncoder;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.embedding.FactorizedEmbedding;
import org.greendl.nn.inverted.InvertedResidual;
import org.greendl.nn.se.SqueezeExcitation;
import org.greendl.nn.separable.DepthwiseSeparableConv;
import org.greendl.nn.sharing.SharedLayers;
import org.greendl.nn.shuffle.ChannelShuffle;
import org.greendl.nn.shuffle.ShuffleConv;
import org.greendl.nn.text.SequenceHead;
import org.greendl.nn.text.TokenEmbedding;

/** Codecs of greendl-nn's own blocks, by spec type; each is the codec part of its block's descriptor. */
public final class NnCodecs {
    private NnCodecs() {}

    /** The codec of each greendl-nn block, keyed by its spec {@code "type"}. */
    public static Map<String, BlockCodec> byType() {
        Map<String, BlockCodec> m = new LinkedHashMap<>();
        for (BlockCodec c : all()) {
            m.put(c.type(), c);
        }
        return m;
    }

    private static List<BlockCodec> all() {
        return List.of(
                codec("adaptive-avg-pool", b -> b instanceof AdaptiveAvgPool2d, b -> {
                    AdaptiveAvgPool2d p = (AdaptiveAvgPool2d) b;
                    ObjectNode o = Json.object();
                    o.set("output", Json.longs(p.outHeight(), p.outWidth()));
                    return o;
                }, n -> {
                    long[] out = Json.longs(n, "output");
                    return new AdaptiveAvgPool2d(out[0], out[1]);
                }),
                codec("depthwise-separable-conv", b -> b instanceof DepthwiseSeparableConv, b -> {
                    DepthwiseSeparableConv c = (DepthwiseSeparableConv) b;
                    ObjectNode o = Json.object();
                    o.put("in_channels", c.inChannels());
                    o.put("out_channels", c.outChannels());
                    o.put("kernel", c.kernel());
                    o.put("stride", c.stride());
                    o.put("activation", c.activation());
                    return o;
                }, n -> DepthwiseSeparableConv.builder().setInChannels(Json.getInt(n, "in_channels"))
                        .setOutChannels(Json.getInt(n, "out_channels")).optKernel(Json.optInt(n, "kernel", 3))
                        .optStride(Json.optInt(n, "stride", 1)).optActivation(Json.optString(n, "activation", "relu"))
                        .build()),
                codec("shuffle-conv", b -> b instanceof ShuffleConv, b -> {
                    ShuffleConv c = (ShuffleConv) b;
                    ObjectNode o = Json.object();
                    o.put("out_channels", c.outChannels());
                    o.put("groups", c.groups());
                    o.put("kernel", c.kernel());
                    o.put("stride", c.stride());
                    o.put("activation", c.activation());
                    return o;
                }, n -> ShuffleConv.builder().setOutChannels(Json.getInt(n, "out_channels"))
                        .setGroups(Json.getInt(n, "groups")).optKernel(Json.optInt(n, "kernel", 1))
                        .optStride(Json.optInt(n, "stride", 1)).optActivation(Json.optString(n, "activation", "relu"))
                        .build()),
                codec("channel-shuffle", b -> b instanceof ChannelShuffle, b -> {
                    ObjectNode o = Json.object();
                    o.put("groups", ((ChannelShuffle) b).groups());
                    return o;
                }, n -> new ChannelShuffle(Json.getInt(n, "groups"))),
                codec("inverted-residual", b -> b instanceof InvertedResidual, b -> {
                    InvertedResidual r = (InvertedResidual) b;
                    ObjectNode o = Json.object();
                    o.put("in_channels", r.inChannels());
                    o.put("out_channels", r.outChannels());
                    o.put("expansion", r.expansion());
                    o.put("stride", r.stride());
                    o.put("kernel", r.kernel());
                    o.put("activation", r.activation());
                    o.put("squeeze_excite", r.squeezeExcite());
                    return o;
                }, n -> InvertedResidual.builder().setInChannels(Json.getInt(n, "in_channels"))
                        .setOutChannels(Json.getInt(n, "out_channels")).optExpansion(Json.optInt(n, "expansion", 6))
                        .optStride(Json.optInt(n, "stride", 1)).optKernel(Json.optInt(n, "kernel", 3))
                        .optActivation(Json.optString(n, "activation", "relu6"))
                        .optSqueezeExcite(Json.optBool(n, "squeeze_excite", false)).build()),
                codec("squeeze-excitation", b -> b instanceof SqueezeExcitation, b -> {
                    SqueezeExcitation s = (SqueezeExcitation) b;
                    ObjectNode o = Json.object();
                    o.put("channels", s.channels());
                    o.put("squeeze_channels", s.squeezeChannels());
                    return o;
                }, n -> {
                    int channels = Json.getInt(n, "channels");
                    // absent: the builder's MobileNetV3 default, channels / 4 but at least 8
                    return SqueezeExcitation.builder().setChannels(channels)
                            .optSqueezeChannels(Json.optInt(n, "squeeze_channels", Math.max(8, channels / 4))).build();
                }),
                codec("softmax-attention", b -> b instanceof SoftmaxAttention, NnCodecs::attention,
                        n -> SoftmaxAttention.builder().setEmbedDim(Json.getInt(n, "embed_dim"))
                                .setHeads(Json.getInt(n, "heads")).optHeadDim(Json.optInt(n, "head_dim", 0)).build()),
                codec("linear-attention", b -> b instanceof LinearAttention, NnCodecs::attention,
                        n -> LinearAttention.builder().setEmbedDim(Json.getInt(n, "embed_dim"))
                                .setHeads(Json.getInt(n, "heads")).optHeadDim(Json.optInt(n, "head_dim", 0)).build()),
                codec("transformer-encoder", b -> b instanceof TransformerEncoder, b -> {
                    TransformerEncoder t = (TransformerEncoder) b;
                    ObjectNode o = Json.object();
                    o.put("embed_dim", t.embedDim());
                    o.put("heads", t.heads());
                    o.put("mlp_dim", t.mlpDim());
                    o.put("attention", t.kind());
                    if (t.headDim() * t.heads() != t.embedDim()) {
                        o.put("head_dim", t.headDim());
                    }
                    return o;
                }, n -> TransformerEncoder.builder().setEmbedDim(Json.getInt(n, "embed_dim"))
                        .setHeads(Json.getInt(n, "heads")).optHeadDim(Json.optInt(n, "head_dim", 0))
                        .optMlpDim(Json.optInt(n, "mlp_dim", 0))
                        .optAttention(Json.optString(n, "attention", "softmax")).build()),
                codec("patch-embedding", b -> b instanceof PatchEmbedding, b -> {
                    PatchEmbedding p = (PatchEmbedding) b;
                    ObjectNode o = Json.object();
                    o.put("patch", p.patchSize());
                    o.put("embed_dim", p.embedDim());
                    return o;
                }, n -> PatchEmbedding.builder().setPatchSize(Json.getInt(n, "patch"))
                        .setEmbedDim(Json.getInt(n, "embed_dim")).build()),
                codec("token-mean", b -> b instanceof TokenMean, b -> Json.object(), n -> new TokenMean()),
                codec("bag-of-embeddings", b -> b instanceof BagOfEmbeddings, b -> {
                    BagOfEmbeddings e = (BagOfEmbeddings) b;
                    ObjectNode o = Json.object();
                    o.put("vocabulary", e.vocabularySize());
                    o.put("dim", e.dimension());
                    return o;
                }, n -> BagOfEmbeddings.builder().setVocabularySize(Json.getInt(n, "vocabulary"))
                        .setDimension(Json.getInt(n, "dim")).build()),
                codec("shared-layers", b -> b instanceof SharedLayers, b -> {
                    SharedLayers s = (SharedLayers) b;
                    ObjectNode o = Json.object();
                    o.put("repeats", s.repeats());
                    o.set("layer", BlockSpecs.toTree(s.layer()));
                    return o;
                }, n -> SharedLayers.builder().setLayer(BlockSpecs.fromTree(Json.child(n, "layer")))
                        .setRepeats(Json.getInt(n, "repeats")).build()),
                codec("factorized-embedding", b -> b instanceof FactorizedEmbedding, b -> {
                    FactorizedEmbedding e = (FactorizedEmbedding) b;
                    ObjectNode o = Json.object();
                    o.put("vocabulary", e.vocabularySize());
                    o.put("embedding_size", e.embeddingSize());
                    o.put("hidden_size", e.hiddenSize());
                    return o;
                }, n -> FactorizedEmbedding.builder().setVocabularySize(Json.getInt(n, "vocabulary"))
                        .setEmbeddingSize(Json.getInt(n, "embedding_size")).setHiddenSize(Json.getInt(n, "hidden_size"))
                        .build()),
                codec("early-exit", b -> b instanceof EarlyExitNet, b -> {
                    EarlyExitNet e = (EarlyExitNet) b;
                    ObjectNode o = Json.object();
                    o.put("threshold", e.threshold());
                    ArrayNode stages = Json.array();
                    for (int i = 0; i < e.stages().size(); i++) {
                        ObjectNode s = Json.object();
                        s.set("stage", BlockSpecs.toTree(e.stages().get(i)));
                        s.set("exit", BlockSpecs.toTree(e.heads().get(i)));
                        stages.add(s);
                    }
                    o.set("stages", stages);
                    return o;
                }, n -> {
                    EarlyExitNet.Builder b = EarlyExitNet.builder().optThreshold(Json.optFloat(n, "threshold", 0.9f));
                    for (ObjectNode so : Json.objects(n, "stages")) {
                        b.addStage(BlockSpecs.fromTree(Json.child(so, "stage")),
                                BlockSpecs.fromTree(Json.child(so, "exit")));
                    }
                    return b.build();
                }),
                codec("token-embedding", b -> b instanceof TokenEmbedding, b -> {
                    TokenEmbedding e = (TokenEmbedding) b;
                    ObjectNode o = Json.object();
                    o.put("vocabulary", e.vocabularySize());
                    o.put("hidden_size", e.hiddenSize());
                    o.put("factorized_size", e.factorizedSize());
                    o.put("class_token", e.classToken());
                    return o;
                }, n -> TokenEmbedding.builder().setVocabularySize(Json.getInt(n, "vocabulary"))
                        .setHiddenSize(Json.getInt(n, "hidden_size"))
                        .optFactorizedSize(Json.optInt(n, "factorized_size", 0))
                        .optClassToken(Json.optBool(n, "class_token", false)).build()),
                codec("sequence-head", b -> b instanceof SequenceHead, b -> {
                    SequenceHead h = (SequenceHead) b;
                    ObjectNode o = Json.object();
                    o.put("classes", h.classes());
                    o.put("pool", h.pool());
                    return o;
                }, n -> SequenceHead.builder().setClasses(Json.getInt(n, "classes"))
                        .optPool(Json.optString(n, "pool", "mean")).build()));
    }

    private static ObjectNode attention(ai.djl.nn.Block b) {
        org.greendl.nn.attention.Attention a = (org.greendl.nn.attention.Attention) b;
        ObjectNode o = Json.object();
        o.put("embed_dim", a.embedDim());
        o.put("heads", a.heads());
        if (a.headDim() * a.heads() != a.embedDim()) {
            o.put("head_dim", a.headDim());
        }
        return o;
    }
}
