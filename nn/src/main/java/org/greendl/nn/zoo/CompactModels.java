package org.greendl.nn.zoo;

import static org.greendl.nn.Layers.batchNorm;
import static org.greendl.nn.Layers.conv;
import static org.greendl.nn.Layers.dropout;
import static org.greendl.nn.Layers.flatten;
import static org.greendl.nn.Layers.globalAvgPool;
import static org.greendl.nn.Layers.linear;
import static org.greendl.nn.Layers.maxPool;
import static org.greendl.nn.Layers.relu;
import static org.greendl.nn.Layers.relu6;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.LayerNorm;
import org.greendl.nn.attention.PatchEmbedding;
import org.greendl.nn.attention.TokenMean;
import org.greendl.nn.attention.TransformerEncoder;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.inverted.InvertedResidual;

/** The compact models built from greendl-nn blocks, sized like FashionModels. */
final class CompactModels {
    private CompactModels() {}

    /** MobileNetV2-style: a 3x3 stem, six inverted residuals (28 to 14 to 7), a 1x1 head, global pool. */
    static SequentialBlock mobilenetMini(int classes) {
        int[][] cfg = { // in, out, expansion, stride
            {16, 16, 1, 1}, {16, 24, 4, 2}, {24, 24, 4, 1}, {24, 32, 4, 2}, {32, 32, 4, 1}, {32, 64, 4, 1}};
        SequentialBlock net = new SequentialBlock().addAll(conv(16, 3, 1, 1, 1, false), batchNorm(), relu6());
        for (int[] c : cfg) {
            net.add(InvertedResidual.builder().setInChannels(c[0]).setOutChannels(c[1]).optExpansion(c[2])
                    .optStride(c[3]).build());
        }
        return net.addAll(conv(128, 1, 1, 0, 1, false), batchNorm(), relu6(), globalAvgPool(), dropout(0.2f),
                linear(classes));
    }

    /** ViT: 4x4 patches (49 tokens of 64), 4 pre-norm encoder layers with 4 heads, token mean, linear. */
    static SequentialBlock vitTiny(String attention, int classes) {
        SequentialBlock net = new SequentialBlock().add(PatchEmbedding.builder().setPatchSize(4).setEmbedDim(64)
                .build());
        for (int i = 0; i < 4; i++) {
            net.add(TransformerEncoder.builder().setEmbedDim(64).setHeads(4).optMlpDim(128).optAttention(attention)
                    .build());
        }
        return net.addAll(LayerNorm.builder().axis(2).build(), new TokenMean(), linear(classes));
    }

    /**
     * The {@code cnn} baseline's exact backbone and classifier cut into three stages, with a linear exit
     * after the first pooling (7x7x32 features) and one after the third convolution (7x7x64).
     */
    static EarlyExitNet earlyExitCnn(float threshold, int classes) {
        SequentialBlock stage0 = new SequentialBlock().addAll(
                conv(32, 3, 1, 1), batchNorm(), relu(), conv(32, 3, 1, 1), batchNorm(), relu(), maxPool(2, 2, 0));
        SequentialBlock exit0 = new SequentialBlock().addAll(maxPool(2, 2, 0), flatten(), linear(classes));
        SequentialBlock stage1 = new SequentialBlock().addAll(conv(64, 3, 1, 1), batchNorm(), relu());
        SequentialBlock exit1 = new SequentialBlock().addAll(maxPool(2, 2, 0), flatten(), linear(classes));
        SequentialBlock stage2 = new SequentialBlock().addAll(conv(64, 3, 1, 1), batchNorm(), relu(),
                maxPool(2, 2, 0));
        SequentialBlock head = new SequentialBlock().addAll(flatten(), linear(256), relu(), dropout(0.3f),
                linear(classes));
        return EarlyExitNet.builder().addStage(stage0, exit0).addStage(stage1, exit1).addStage(stage2, head)
                .optThreshold(threshold).build();
    }
}
