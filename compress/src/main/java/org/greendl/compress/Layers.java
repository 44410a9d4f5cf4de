package org.greendl.compress;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Finds the weight layers (Conv2d, Linear) of a block tree, depth first, in execution order. */
public final class Layers {
    private Layers() {}

    /** All Conv/Linear layers of an initialized block, depth first. */
    public static List<WeightLayer> weightLayers(Block root) {
        List<WeightLayer> out = new ArrayList<>();
        collect(root, "", out);
        return out;
    }

    /** The layer with this name, or a one-line error that lists the names that exist. */
    public static WeightLayer find(Block root, String name) {
        List<WeightLayer> all = weightLayers(root);
        for (WeightLayer layer : all) {
            if (layer.name().equals(name)) {
                return layer;
            }
        }
        throw new IllegalArgumentException("no layer named '" + name + "'; layers with weights: "
                + all.stream().map(WeightLayer::name).collect(Collectors.joining(", ")));
    }

    /** Whether the block is a layer whose weight we compress. */
    public static boolean isWeightLayer(Block block) {
        return block instanceof Convolution || block instanceof Linear;
    }

    /** The last weight block in depth-first order inside {@code root}, or null if it has none. */
    public static Block lastWeightBlock(Block root) {
        List<WeightLayer> all = new ArrayList<>();
        collect(root, "", all);
        return all.isEmpty() ? null : all.get(all.size() - 1).block();
    }

    private static void collect(Block block, String path, List<WeightLayer> out) {
        if (isWeightLayer(block)) {
            Parameter weight = null;
            Parameter bias = null;
            for (Pair<String, Parameter> p : block.getDirectParameters()) {
                if ("weight".equals(p.getKey())) {
                    weight = p.getValue();
                } else if ("bias".equals(p.getKey())) {
                    bias = p.getValue();
                }
            }
            out.add(new WeightLayer(path.isEmpty() ? block.getClass().getSimpleName() : path, block, weight, bias));
            return;
        }
        for (Pair<String, Block> child : block.getChildren()) {
            collect(child.getValue(), path.isEmpty() ? child.getKey() : path + "_" + child.getKey(), out);
        }
    }
}
