package org.greendl.compress.prune;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.greendl.compress.Layers;
import org.greendl.compress.Params;
import org.greendl.compress.WeightLayer;

/**
 * Unstructured magnitude pruning (Han et al., 2015): the weights with the smallest |w| are set to zero, per
 * layer or with one global threshold. Weights that are already zero rank first, so repeated calls with a
 * growing sparsity (gradual pruning) never revive a pruned weight.
 */
public final class MagnitudePruning {
    private MagnitudePruning() {}

    /** Computes the masks for the model's current weights; the model is not changed. */
    public static PruningMasks masks(Block model, MagnitudePruningConfig config) {
        List<WeightLayer> layers = chosenLayers(model, config);
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (WeightLayer l : layers) {
            weights.put(l.name(), Params.values(l.weight()));
        }
        Map<String, BitSet> kept = new LinkedHashMap<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        if (config.scope() == PruningScope.GLOBAL) {
            int total = weights.values().stream().mapToInt(w -> w.length).sum();
            float[] all = new float[total];
            int p = 0;
            for (float[] w : weights.values()) {
                for (float v : w) {
                    all[p++] = Math.abs(v);
                }
            }
            int prune = (int) Math.floor(config.sparsity() * total);
            float threshold = threshold(all, prune);
            // Ties at the threshold are pruned in order until exactly `prune` weights are gone.
            int below = 0;
            for (float v : all) {
                if (v < threshold) {
                    below++;
                }
            }
            int[] tiesLeft = {prune - below};
            weights.forEach((name, w) -> {
                kept.put(name, keep(w, threshold, tiesLeft));
                sizes.put(name, w.length);
            });
        } else {
            weights.forEach((name, w) -> {
                float[] abs = new float[w.length];
                for (int i = 0; i < w.length; i++) {
                    abs[i] = Math.abs(w[i]);
                }
                int prune = (int) Math.floor(config.sparsity() * w.length);
                float threshold = threshold(abs, prune);
                int below = 0;
                for (float v : abs) {
                    if (v < threshold) {
                        below++;
                    }
                }
                kept.put(name, keep(w, threshold, new int[] {prune - below}));
                sizes.put(name, w.length);
            });
        }
        return new PruningMasks(kept, sizes);
    }

    /** Computes the masks and zeroes the pruned weights of {@code model} in place. */
    public static PruningMasks prune(Block model, MagnitudePruningConfig config) {
        PruningMasks masks = masks(model, config);
        masks.apply(model);
        return masks;
    }

    static List<WeightLayer> chosenLayers(Block model, MagnitudePruningConfig config) {
        if (config.layers().isEmpty()) {
            return Layers.weightLayers(model);
        }
        List<WeightLayer> out = new ArrayList<>();
        for (String name : config.layers()) {
            out.add(Layers.find(model, name));
        }
        return out;
    }

    /** The value of the prune-th smallest entry (a threshold nothing is below when prune = 0). */
    private static float threshold(float[] abs, int prune) {
        if (prune <= 0) {
            return -1f;
        }
        float[] sorted = abs.clone();
        Arrays.sort(sorted);
        return sorted[prune - 1];
    }

    private static BitSet keep(float[] w, float threshold, int[] tiesLeft) {
        BitSet bits = new BitSet(w.length);
        for (int i = 0; i < w.length; i++) {
            float a = Math.abs(w[i]);
            if (a > threshold) {
                bits.set(i);
            } else if (a == threshold) {
                if (tiesLeft[0] > 0) {
                    tiesLeft[0]--;
                } else {
                    bits.set(i);
                }
            }
        }
        return bits;
    }
}
