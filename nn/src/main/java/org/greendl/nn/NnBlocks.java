package org.greendl.nn;

import static org.greendl.nn.profile.NnCounters.counter;

import ai.djl.nn.Block;
import java.util.List;
import java.util.Map;
import org.greendl.nn.attention.Attention;
import org.greendl.nn.attention.LinearAttention;
import org.greendl.nn.attention.PatchEmbedding;
import org.greendl.nn.attention.SoftmaxAttention;
import org.greendl.nn.attention.TokenMean;
import org.greendl.nn.bag.BagOfEmbeddings;
import org.greendl.nn.attention.TransformerEncoder;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.embedding.FactorizedEmbedding;
import org.greendl.nn.inverted.InvertedResidual;
import org.greendl.nn.profile.NnCounters;
import org.greendl.nn.se.SqueezeExcitation;
import org.greendl.nn.separable.DepthwiseSeparableConv;
import org.greendl.nn.sharing.SharedLayers;
import org.greendl.nn.shuffle.ChannelShuffle;
import org.greendl.nn.shuffle.ShuffleConv;
import org.greendl.nn.spec.BlockCodec;
import org.greendl.nn.text.SequenceHead;
import org.greendl.nn.text.TokenEmbedding;
import org.greendl.nn.spec.NnCodecs;
import org.greendl.profile.LayerCounter;
import org.greendl.profile.blocks.BlockDescriptor;
import org.greendl.profile.blocks.BlockDescriptorProvider;

/**
 * One descriptor per greendl-nn block: its profiler counter and its model.json codec. greendl-deploy adds the
 * ONNX converter and greendl-compress the pruning part under the same kinds. Specific kinds come before the
 * general ones they extend (an inverted residual is also a wrapper).
 */
public final class NnBlocks implements BlockDescriptorProvider {
    @Override
    public List<BlockDescriptor> descriptors() {
        Map<String, BlockCodec> codecs = NnCodecs.byType();
        return List.of(
                block("inverted-residual", InvertedResidual.class, codecs,
                        counter(InvertedResidual.class, NnCounters::invertedResidual)),
                block("depthwise-separable-conv", DepthwiseSeparableConv.class, codecs,
                        counter(DepthwiseSeparableConv.class, NnCounters::wrapper)),
                block("shuffle-conv", ShuffleConv.class, codecs, counter(ShuffleConv.class, NnCounters::wrapper)),
                // any other wrapper is counted (and exported) as its body; it has no spec type of its own
                BlockDescriptor.of("wrapper", WrapperBlock.class)
                        .with(LayerCounter.class, counter(WrapperBlock.class, NnCounters::wrapper)),
                block("channel-shuffle", ChannelShuffle.class, codecs,
                        counter(ChannelShuffle.class, NnCounters::channelShuffle)),
                block("squeeze-excitation", SqueezeExcitation.class, codecs,
                        counter(SqueezeExcitation.class, NnCounters::squeezeExcitation)),
                block("adaptive-avg-pool", AdaptiveAvgPool2d.class, codecs,
                        counter(AdaptiveAvgPool2d.class, NnCounters::adaptiveAvgPool)),
                block("softmax-attention", SoftmaxAttention.class, codecs,
                        counter(SoftmaxAttention.class, NnCounters::attention)),
                block("linear-attention", LinearAttention.class, codecs,
                        counter(LinearAttention.class, NnCounters::attention)),
                BlockDescriptor.of("attention", Attention.class)
                        .with(LayerCounter.class, counter(Attention.class, NnCounters::attention)),
                block("transformer-encoder", TransformerEncoder.class, codecs,
                        counter(TransformerEncoder.class, NnCounters::transformerEncoder)),
                block("patch-embedding", PatchEmbedding.class, codecs,
                        counter(PatchEmbedding.class, NnCounters::patchEmbedding)),
                block("token-mean", TokenMean.class, codecs, counter(TokenMean.class, NnCounters::tokenMean)),
                block("bag-of-embeddings", BagOfEmbeddings.class, codecs,
                        counter(BagOfEmbeddings.class, NnCounters::bagOfEmbeddings)),
                block("shared-layers", SharedLayers.class, codecs,
                        counter(SharedLayers.class, NnCounters::sharedLayers)),
                block("factorized-embedding", FactorizedEmbedding.class, codecs,
                        counter(FactorizedEmbedding.class, NnCounters::factorizedEmbedding)),
                block("early-exit", EarlyExitNet.class, codecs, counter(EarlyExitNet.class, NnCounters::earlyExit)),
                block("token-embedding", TokenEmbedding.class, codecs,
                        counter(TokenEmbedding.class, NnCounters::tokenEmbedding)),
                block("sequence-head", SequenceHead.class, codecs,
                        counter(SequenceHead.class, NnCounters::sequenceHead)));
    }

    private static BlockDescriptor block(String kind, Class<? extends Block> type, Map<String, BlockCodec> codecs,
            LayerCounter counter) {
        BlockCodec codec = codecs.get(kind);
        if (codec == null) {
            throw new IllegalStateException("no codec for block kind '" + kind + "'");
        }
        return BlockDescriptor.of(kind, type).with(LayerCounter.class, counter)
                .with(BlockCodec.class, codec::supports, codec);
    }
}
