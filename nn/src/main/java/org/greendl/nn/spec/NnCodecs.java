package org.greendl.nn.spec;

import static org.greendl.nn.spec.CoreCodecs.codec;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import org.greendl.nn.AdaptiveAvgPool2d;
import org.greendl.nn.attention.LinearAttention;
import org.greendl.nn.attention.PatchEmbedding;
import org.greendl.nn.attention.SoftmaxAttention;
import org.greendl.nn.attention.TokenMean;
import org.greendl.nn.attention.TransformerEncoder;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.embedding.FactorizedEmbedding;
import org.greendl.nn.inverted.InvertedResidual;
import org.greendl.nn.se.SqueezeExcitation;
import org.greendl.nn.separable.DepthwiseSeparableConv;
import org.greendl.nn.sharing.SharedLayers;
import org.greendl.nn.shuffle.ChannelShuffle;
import org.greendl.nn.shuffle.ShuffleConv;

/** Codecs of greendl-nn's own blocks. */
final class NnCodecs {
    private NnCodecs() {}

    static List<BlockCodec> all() {
        return List.of(
                codec("adaptive-avg-pool", b -> b instanceof AdaptiveAvgPool2d, b -> {
                    AdaptiveAvgPool2d p = (AdaptiveAvgPool2d) b;
                    JsonObject o = new JsonObject();
                    o.add("output", Json.longs(p.outHeight(), p.outWidth()));
                    return o;
                }, n -> {
                    long[] out = Json.longs(n, "output");
                    return new AdaptiveAvgPool2d(out[0], out[1]);
                }),
                codec("depthwise-separable-conv", b -> b instanceof DepthwiseSeparableConv, b -> {
                    DepthwiseSeparableConv c = (DepthwiseSeparableConv) b;
                    JsonObject o = new JsonObject();
                    o.addProperty("in_channels", c.inChannels());
                    o.addProperty("out_channels", c.outChannels());
                    o.addProperty("kernel", c.kernel());
                    o.addProperty("stride", c.stride());
                    o.addProperty("activation", c.activation());
                    return o;
                }, n -> DepthwiseSeparableConv.builder().setInChannels(Json.getInt(n, "in_channels"))
                        .setOutChannels(Json.getInt(n, "out_channels")).optKernel(Json.getInt(n, "kernel"))
                        .optStride(Json.getInt(n, "stride")).optActivation(Json.getString(n, "activation")).build()),
                codec("shuffle-conv", b -> b instanceof ShuffleConv, b -> {
                    ShuffleConv c = (ShuffleConv) b;
                    JsonObject o = new JsonObject();
                    o.addProperty("out_channels", c.outChannels());
                    o.addProperty("groups", c.groups());
                    o.addProperty("kernel", c.kernel());
                    o.addProperty("stride", c.stride());
                    o.addProperty("activation", c.activation());
                    return o;
                }, n -> ShuffleConv.builder().setOutChannels(Json.getInt(n, "out_channels"))
                        .setGroups(Json.getInt(n, "groups")).optKernel(Json.getInt(n, "kernel"))
                        .optStride(Json.getInt(n, "stride")).optActivation(Json.getString(n, "activation")).build()),
                codec("channel-shuffle", b -> b instanceof ChannelShuffle, b -> {
                    JsonObject o = new JsonObject();
                    o.addProperty("groups", ((ChannelShuffle) b).groups());
                    return o;
                }, n -> new ChannelShuffle(Json.getInt(n, "groups"))),
                codec("inverted-residual", b -> b instanceof InvertedResidual, b -> {
                    InvertedResidual r = (InvertedResidual) b;
                    JsonObject o = new JsonObject();
                    o.addProperty("in_channels", r.inChannels());
                    o.addProperty("out_channels", r.outChannels());
                    o.addProperty("expansion", r.expansion());
                    o.addProperty("stride", r.stride());
                    o.addProperty("kernel", r.kernel());
                    o.addProperty("activation", r.activation());
                    o.addProperty("squeeze_excite", r.squeezeExcite());
                    return o;
                }, n -> InvertedResidual.builder().setInChannels(Json.getInt(n, "in_channels"))
                        .setOutChannels(Json.getInt(n, "out_channels")).optExpansion(Json.getInt(n, "expansion"))
                        .optStride(Json.getInt(n, "stride")).optKernel(Json.getInt(n, "kernel"))
                        .optActivation(Json.getString(n, "activation"))
                        .optSqueezeExcite(Json.getBool(n, "squeeze_excite")).build()),
                codec("squeeze-excitation", b -> b instanceof SqueezeExcitation, b -> {
                    SqueezeExcitation s = (SqueezeExcitation) b;
                    JsonObject o = new JsonObject();
                    o.addProperty("channels", s.channels());
                    o.addProperty("squeeze_channels", s.squeezeChannels());
                    return o;
                }, n -> SqueezeExcitation.builder().setChannels(Json.getInt(n, "channels"))
                        .optSqueezeChannels(Json.getInt(n, "squeeze_channels")).build()),
                codec("softmax-attention", b -> b instanceof SoftmaxAttention, NnCodecs::attention,
                        n -> SoftmaxAttention.builder().setEmbedDim(Json.getInt(n, "embed_dim"))
                                .setHeads(Json.getInt(n, "heads")).build()),
                codec("linear-attention", b -> b instanceof LinearAttention, NnCodecs::attention,
                        n -> LinearAttention.builder().setEmbedDim(Json.getInt(n, "embed_dim"))
                                .setHeads(Json.getInt(n, "heads")).build()),
                codec("transformer-encoder", b -> b instanceof TransformerEncoder, b -> {
                    TransformerEncoder t = (TransformerEncoder) b;
                    JsonObject o = new JsonObject();
                    o.addProperty("embed_dim", t.embedDim());
                    o.addProperty("heads", t.heads());
                    o.addProperty("mlp_dim", t.mlpDim());
                    o.addProperty("attention", t.kind());
                    return o;
                }, n -> TransformerEncoder.builder().setEmbedDim(Json.getInt(n, "embed_dim"))
                        .setHeads(Json.getInt(n, "heads")).optMlpDim(Json.getInt(n, "mlp_dim"))
                        .optAttention(Json.getString(n, "attention")).build()),
                codec("patch-embedding", b -> b instanceof PatchEmbedding, b -> {
                    PatchEmbedding p = (PatchEmbedding) b;
                    JsonObject o = new JsonObject();
                    o.addProperty("patch", p.patchSize());
                    o.addProperty("embed_dim", p.embedDim());
                    return o;
                }, n -> PatchEmbedding.builder().setPatchSize(Json.getInt(n, "patch"))
                        .setEmbedDim(Json.getInt(n, "embed_dim")).build()),
                codec("token-mean", b -> b instanceof TokenMean, b -> new JsonObject(), n -> new TokenMean()),
                codec("shared-layers", b -> b instanceof SharedLayers, b -> {
                    SharedLayers s = (SharedLayers) b;
                    JsonObject o = new JsonObject();
                    o.addProperty("repeats", s.repeats());
                    o.add("layer", BlockSpecs.toTree(s.layer()));
                    return o;
                }, n -> SharedLayers.builder().setLayer(BlockSpecs.fromTree(Json.child(n, "layer")))
                        .setRepeats(Json.getInt(n, "repeats")).build()),
                codec("factorized-embedding", b -> b instanceof FactorizedEmbedding, b -> {
                    FactorizedEmbedding e = (FactorizedEmbedding) b;
                    JsonObject o = new JsonObject();
                    o.addProperty("vocabulary", e.vocabularySize());
                    o.addProperty("embedding_size", e.embeddingSize());
                    o.addProperty("hidden_size", e.hiddenSize());
                    return o;
                }, n -> FactorizedEmbedding.builder().setVocabularySize(Json.getInt(n, "vocabulary"))
                        .setEmbeddingSize(Json.getInt(n, "embedding_size")).setHiddenSize(Json.getInt(n, "hidden_size"))
                        .build()),
                codec("early-exit", b -> b instanceof EarlyExitNet, b -> {
                    EarlyExitNet e = (EarlyExitNet) b;
                    JsonObject o = new JsonObject();
                    o.addProperty("threshold", e.threshold());
                    JsonArray stages = new JsonArray();
                    for (int i = 0; i < e.stages().size(); i++) {
                        JsonObject s = new JsonObject();
                        s.add("stage", BlockSpecs.toTree(e.stages().get(i)));
                        s.add("exit", BlockSpecs.toTree(e.heads().get(i)));
                        stages.add(s);
                    }
                    o.add("stages", stages);
                    return o;
                }, n -> {
                    EarlyExitNet.Builder b = EarlyExitNet.builder().optThreshold(Json.getFloat(n, "threshold"));
                    for (JsonElement s : Json.required(n, "stages").getAsJsonArray()) {
                        JsonObject so = s.getAsJsonObject();
                        b.addStage(BlockSpecs.fromTree(Json.child(so, "stage")),
                                BlockSpecs.fromTree(Json.child(so, "exit")));
                    }
                    return b.build();
                }));
    }

    private static JsonObject attention(ai.djl.nn.Block b) {
        org.greendl.nn.attention.Attention a = (org.greendl.nn.attention.Attention) b;
        JsonObject o = new JsonObject();
        o.addProperty("embed_dim", a.embedDim());
        o.addProperty("heads", a.heads());
        return o;
    }
}
