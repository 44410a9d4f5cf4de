package org.greendl.compress.prune;

import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.greendl.compress.Layers;
import org.greendl.compress.WeightLayer;

/**
 * Per-layer pruning sensitivity (Han et al., 2015, fig. 5): each layer alone is magnitude-pruned to each
 * sparsity and the model evaluated, the others left dense; weights are restored after every trial. Layers
 * whose metric falls fast deserve lower sparsity.
 */
public final class Sensitivity {
    private Sensitivity() {}

    /** Per layer, per sparsity: the metric {@code evaluate} returns (for example test accuracy). */
    public static Map<String, Map<Double, Double>> analyze(Block model, List<Double> sparsities,
            ToDoubleFunction<Block> evaluate) {
        for (double s : sparsities) {
            MagnitudePruningConfig.checkSparsity(s);
        }
        WeightSnapshot original = WeightSnapshot.of(model);
        Map<String, Map<Double, Double>> out = new LinkedHashMap<>();
        try {
            for (WeightLayer layer : Layers.weightLayers(model)) {
                Map<Double, Double> curve = new LinkedHashMap<>();
                for (double s : sparsities) {
                    MagnitudePruning.prune(model, new MagnitudePruningConfig(s, PruningScope.LAYER, Set.of(layer.name())));
                    curve.put(s, evaluate.applyAsDouble(model));
                    original.restore(model);
                }
                out.put(layer.name(), curve);
            }
        } finally {
            original.restore(model);
        }
        return out;
    }
}
