package org.greendl.nn.zoo;

import static org.greendl.nn.Layers.avgPool;
import static org.greendl.nn.Layers.batchNorm;
import static org.greendl.nn.Layers.conv;
import static org.greendl.nn.Layers.dropout;
import static org.greendl.nn.Layers.flatten;
import static org.greendl.nn.Layers.linear;
import static org.greendl.nn.Layers.maxPool;
import static org.greendl.nn.Layers.relu;

import ai.djl.nn.SequentialBlock;

/**
 * The Fashion-MNIST models made of DJL core blocks only (compression and ONNX export walk them). Their first
 * layers take any channel or feature count when initialized; the head scores {@code classes} classes.
 */
final class FashionModels {
    private FashionModels() {}

    static SequentialBlock mlp(int classes) {
        return new SequentialBlock().addAll(flatten(), linear(256), relu(), linear(128), relu(), linear(classes));
    }

    /** LeNet-5 with ReLU; the first conv pads by 2 so 28x28 plays the role of the paper's 32x32. */
    static SequentialBlock lenet5(int classes) {
        return new SequentialBlock().addAll(
                conv(6, 5, 1, 2), relu(), avgPool(2, 2),
                conv(16, 5, 1, 0), relu(), avgPool(2, 2),
                flatten(), linear(120), relu(), linear(84), relu(), linear(classes));
    }

    /** The baseline CNN every technique is compared with; its layers are fixed so that results stay comparable. */
    static SequentialBlock cnn(int classes) {
        return new SequentialBlock().addAll(
                conv(32, 3, 1, 1), batchNorm(), relu(),
                conv(32, 3, 1, 1), batchNorm(), relu(),
                maxPool(2, 2, 0),
                conv(64, 3, 1, 1), batchNorm(), relu(),
                conv(64, 3, 1, 1), batchNorm(), relu(),
                maxPool(2, 2, 0),
                flatten(), linear(256), relu(), dropout(0.3f), linear(classes));
    }
}
