package org.greendl.profile;

import ai.djl.ndarray.types.Shape;
import java.util.List;

/** The cost of one block at one input shape: per-layer rows, totals, and warnings (uncounted blocks). */
public record Profile(String model, Shape input, List<LayerProfile> layers, ProfileTotals total,
        List<String> warnings) {

    public List<LayerProfile> uncounted() {
        return layers.stream().filter(LayerProfile::uncounted).toList();
    }

    /** The same profile under another model name. */
    public Profile named(String name) {
        return new Profile(name, input, layers, total, warnings);
    }
}
