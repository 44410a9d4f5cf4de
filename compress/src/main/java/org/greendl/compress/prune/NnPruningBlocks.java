package org.greendl.compress.prune;

import java.util.List;
import org.greendl.compress.prune.StructuredPruning.Rewrite;
import org.greendl.nn.AdaptiveAvgPool2d;
import org.greendl.nn.WrapperBlock;
import org.greendl.nn.attention.Attention;
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
import org.greendl.nn.text.SequenceHead;
import org.greendl.nn.text.TokenEmbedding;
import org.greendl.nn.bag.BagOfEmbeddings;
import org.greendl.profile.blocks.BlockDescriptor;
import org.greendl.profile.blocks.BlockDescriptorProvider;

/**
 * The structured-pruning part of greendl-nn's blocks' descriptors. Structured pruning rebuilds DJL core
 * blocks only; each compact block states why it is not rebuilt (it fails with a one-line error naming the
 * block). Parameter-free blocks that keep the channel set pass the kept channels through.
 */
public final class NnPruningBlocks implements BlockDescriptorProvider {
    private static final String COMPOSITE = "a composite block: its inner layers are not rebuilt channel by channel";

    @Override
    public List<BlockDescriptor> descriptors() {
        return List.of(
                BlockDescriptor.of("inverted-residual", InvertedResidual.class).without(Rewrite.class,
                        COMPOSITE + " (expansion, depthwise and projection widths are tied, plus the residual)"),
                BlockDescriptor.of("depthwise-separable-conv", DepthwiseSeparableConv.class).without(Rewrite.class,
                        COMPOSITE + " (the depthwise width is tied to its input channels)"),
                BlockDescriptor.of("shuffle-conv", ShuffleConv.class).without(Rewrite.class,
                        COMPOSITE + " (grouped convolutions with a channel shuffle between them)"),
                BlockDescriptor.of("wrapper", WrapperBlock.class).without(Rewrite.class, COMPOSITE),
                BlockDescriptor.of("channel-shuffle", ChannelShuffle.class).without(Rewrite.class,
                        "permutes channels across groups; the kept set would have to be permuted and regrouped"),
                BlockDescriptor.of("squeeze-excitation", SqueezeExcitation.class).without(Rewrite.class,
                        COMPOSITE + " (its gate must keep the channels of the block it scales)"),
                BlockDescriptor.of("adaptive-avg-pool", AdaptiveAvgPool2d.class).with(Rewrite.class,
                        (r, b, in, shape, path) -> r.passThrough(b, in, shape, path)),
                BlockDescriptor.of("softmax-attention", SoftmaxAttention.class).without(Rewrite.class,
                        "attention heads, not channels; head pruning is not implemented"),
                BlockDescriptor.of("linear-attention", LinearAttention.class).without(Rewrite.class,
                        "attention heads, not channels; head pruning is not implemented"),
                BlockDescriptor.of("attention", Attention.class).without(Rewrite.class,
                        "attention heads, not channels; head pruning is not implemented"),
                BlockDescriptor.of("transformer-encoder", TransformerEncoder.class).without(Rewrite.class,
                        COMPOSITE + " (residual stream width is shared by every encoder)"),
                BlockDescriptor.of("patch-embedding", PatchEmbedding.class).without(Rewrite.class,
                        "its width is the transformer's residual stream width, shared by every encoder"),
                BlockDescriptor.of("token-mean", TokenMean.class).without(Rewrite.class,
                        "pools over tokens of a transformer, whose blocks have no structured rewrite"),
                BlockDescriptor.of("shared-layers", SharedLayers.class).without(Rewrite.class,
                        "one layer applied repeatedly: its output must keep its input's width"),
                BlockDescriptor.of("factorized-embedding", FactorizedEmbedding.class).without(Rewrite.class,
                        "a lookup table plus projection into the shared hidden width"),
                BlockDescriptor.of("early-exit", EarlyExitNet.class).without(Rewrite.class,
                        COMPOSITE + " (stages feed both the next stage and an exit head)"),
                BlockDescriptor.of("token-embedding", TokenEmbedding.class).without(Rewrite.class,
                        "a lookup table and positions into the shared hidden width"),
                BlockDescriptor.of("sequence-head", SequenceHead.class).without(Rewrite.class,
                        "pools the tokens of a transformer, whose blocks have no structured rewrite"),
                BlockDescriptor.of("bag-of-embeddings", BagOfEmbeddings.class).without(Rewrite.class,
                        "a lookup table averaged over tokens; its width is pruned through the head that reads it"));
    }
}
