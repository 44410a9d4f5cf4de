package org.greendl.nn.zoo;

import static org.greendl.nn.Layers.batchNorm;
import static org.greendl.nn.Layers.conv;
import static org.greendl.nn.Layers.dropout;
import static org.greendl.nn.Layers.flatten;
import static org.greendl.nn.Layers.globalAvgPool;
import static org.greendl.nn.Layers.linear;
import static org.greendl.nn.Layers.maxPool;
import static org.greendl.nn.Layers.relu;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import org.greendl.nn.AdaptiveAvgPool2d;
import org.greendl.nn.Layers;
import org.greendl.nn.inverted.InvertedResidual;

/**
 * torchvision's ImageNet classifiers, layer for layer (torchvision/models/resnet.py, vgg.py,
 * mobilenetv2.py): same convolutions, no conv bias before batch norm, same classifier, so parameter counts
 * match torchvision's exactly. Used for cost studies at 3x224x224, not trained here.
 */
final class TorchvisionModels {
    private TorchvisionModels() {}

    static SequentialBlock resnet18() {
        return resnet(false, new int[] {2, 2, 2, 2});
    }

    static SequentialBlock resnet34() {
        return resnet(false, new int[] {3, 4, 6, 3});
    }

    static SequentialBlock resnet50() {
        return resnet(true, new int[] {3, 4, 6, 3});
    }

    private static SequentialBlock resnet(boolean bottleneck, int[] layers) {
        SequentialBlock net = new SequentialBlock().addAll(conv(64, 7, 2, 3, 1, false), batchNorm(), relu(),
                maxPool(3, 2, 1));
        int expansion = bottleneck ? 4 : 1;
        int inplanes = 64;
        int[] planes = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int i = 0; i < layers[stage]; i++) {
                int stride = stage > 0 && i == 0 ? 2 : 1;
                int out = planes[stage] * expansion;
                Block main = bottleneck ? bottleneck(planes[stage], stride) : basic(planes[stage], stride);
                Block shortcut = stride != 1 || inplanes != out
                        ? new SequentialBlock().addAll(conv(out, 1, stride, 0, 1, false), batchNorm())
                        : Blocks.identityBlock();
                net.add(new SequentialBlock().addAll(Layers.residual(main, shortcut), relu()));
                inplanes = out;
            }
        }
        return net.addAll(globalAvgPool(), linear(1000));
    }

    private static SequentialBlock basic(int planes, int stride) {
        return new SequentialBlock().addAll(
                conv(planes, 3, stride, 1, 1, false), batchNorm(), relu(),
                conv(planes, 3, 1, 1, 1, false), batchNorm());
    }

    /** torchvision's ResNet v1.5: the stride sits on the 3x3 convolution. */
    private static SequentialBlock bottleneck(int planes, int stride) {
        return new SequentialBlock().addAll(
                conv(planes, 1, 1, 0, 1, false), batchNorm(), relu(),
                conv(planes, 3, stride, 1, 1, false), batchNorm(), relu(),
                conv(planes * 4, 1, 1, 0, 1, false), batchNorm());
    }

    /** MobileNetV2 (width 1.0): ReLU6, inverted residuals, dropout 0.2 before the classifier. */
    static SequentialBlock mobilenetV2() {
        int[][] settings = {{1, 16, 1, 1}, {6, 24, 2, 2}, {6, 32, 3, 2}, {6, 64, 4, 2}, {6, 96, 3, 1},
            {6, 160, 3, 2}, {6, 320, 1, 1}}; // t, c, n, s
        SequentialBlock net = new SequentialBlock().addAll(conv(32, 3, 2, 1, 1, false), batchNorm(),
                Layers.relu6());
        int in = 32;
        for (int[] s : settings) {
            for (int i = 0; i < s[2]; i++) {
                net.add(InvertedResidual.builder().setInChannels(in).setOutChannels(s[1]).optExpansion(s[0])
                        .optStride(i == 0 ? s[3] : 1).build());
                in = s[1];
            }
        }
        return net.addAll(conv(1280, 1, 1, 0, 1, false), batchNorm(), Layers.relu6(), globalAvgPool(),
                dropout(0.2f), linear(1000));
    }

    static SequentialBlock vgg16() {
        int[] cfg = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};
        SequentialBlock net = new SequentialBlock();
        for (int c : cfg) {
            if (c == 0) {
                net.add(maxPool(2, 2, 0));
            } else {
                net.addAll(conv(c, 3, 1, 1), relu());
            }
        }
        return net.addAll(new AdaptiveAvgPool2d(7, 7), flatten(),
                linear(4096), relu(), dropout(0.5f),
                linear(4096), relu(), dropout(0.5f),
                linear(1000));
    }
}
