package org.greendl.profile;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rules the profiler knows: first those registered at run time ({@link #register}), then those found
 * by {@link ServiceLoader} (modules such as greendl-nn ship their blocks' rules that way, so this module
 * depends on no model code), then the built-in rules for DJL core blocks. The first rule that supports a
 * block counts it.
 */
public final class LayerCounters {
    private static final List<LayerCounter> REGISTERED = new CopyOnWriteArrayList<>();
    private static final List<LayerCounter> DISCOVERED = discover();

    private LayerCounters() {}

    public static void register(LayerCounter counter) {
        REGISTERED.add(0, counter);
    }

    public static Optional<LayerCounter> find(Block block) {
        for (List<LayerCounter> list : List.of(REGISTERED, DISCOVERED, CoreCounters.ALL)) {
            for (LayerCounter c : list) {
                if (c.supports(block)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    private static List<LayerCounter> discover() {
        List<LayerCounter> found = new ArrayList<>();
        for (LayerCounter c : ServiceLoader.load(LayerCounter.class, LayerCounters.class.getClassLoader())) {
            found.add(c);
        }
        return List.copyOf(found);
    }
}
