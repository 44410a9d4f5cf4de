package org.greendl.compress.prune;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.LinkedHashMap;
import java.util.Map;
import org.greendl.compress.Params;

/** A host copy of every parameter of a model (for rewinding and for undoing trial pruning). */
public final class WeightSnapshot {
    private final Map<String, float[]> values = new LinkedHashMap<>();

    private WeightSnapshot() {}

    public static WeightSnapshot of(Block model) {
        WeightSnapshot s = new WeightSnapshot();
        for (Pair<String, Parameter> p : model.getParameters()) {
            s.values.put(p.getKey(), Params.values(p.getValue()));
        }
        return s;
    }

    /** Writes the snapshot back into {@code model} (same structure). */
    public void restore(Block model) {
        for (Pair<String, Parameter> p : model.getParameters()) {
            float[] v = values.get(p.getKey());
            if (v == null) {
                throw new IllegalArgumentException("snapshot has no parameter " + p.getKey());
            }
            Params.set(p.getValue(), v);
        }
    }
}
