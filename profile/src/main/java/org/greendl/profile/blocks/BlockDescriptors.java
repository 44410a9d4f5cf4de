package org.greendl.profile.blocks;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The one registry of per-block knowledge. Descriptors come from {@link BlockDescriptorProvider}s found by
 * {@link ServiceLoader}; contributions of several modules to one kind are merged. A lookup asks for one part
 * type and takes the first descriptor, in order, that has such a part handling the block or states why it has
 * none: run-time registrations first, then the modules' descriptors, then those of DJL's core blocks.
 */
public final class BlockDescriptors {
    private static final List<BlockDescriptor> REGISTERED = new CopyOnWriteArrayList<>();
    private static final List<BlockDescriptor> DISCOVERED = discover();

    private BlockDescriptors() {}

    /** Adds a descriptor ahead of all others (a later registration wins). */
    public static void register(BlockDescriptor descriptor) {
        REGISTERED.add(0, descriptor);
    }

    /** Every descriptor in lookup order. */
    public static List<BlockDescriptor> all() {
        List<BlockDescriptor> all = new ArrayList<>(REGISTERED);
        all.addAll(DISCOVERED);
        return all;
    }

    /** The part of this type that handles {@code block}, if a descriptor gives one. */
    public static <P> Optional<P> find(Block block, Class<P> type) {
        return lookup(block, type).flatMap(p -> Optional.ofNullable(p.value())).map(type::cast);
    }

    /** Why {@code block} has no part of this type, where its descriptor says so. */
    public static Optional<String> whyNone(Block block, Class<?> type) {
        return lookup(block, type).flatMap(p -> Optional.ofNullable(p.whyNone()));
    }

    /** The parts of this type in lookup order, each paired with the blocks it handles. */
    public static <P> List<Handled<P>> parts(Class<P> type) {
        List<Handled<P>> out = new ArrayList<>();
        for (BlockDescriptor d : all()) {
            BlockDescriptor.Part p = d.parts().get(type);
            if (p != null && p.value() != null) {
                out.add(new Handled<>(type.cast(p.value()), p.matches()));
            }
        }
        return out;
    }

    /** A part and the blocks it handles. */
    public record Handled<P>(P part, Predicate<Block> handles) {}

    private static Optional<BlockDescriptor.Part> lookup(Block block, Class<?> type) {
        for (BlockDescriptor d : all()) {
            BlockDescriptor.Part p = d.parts().get(type);
            if (p != null && p.matches().test(block)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static List<BlockDescriptor> discover() {
        List<BlockDescriptorProvider> providers = new ArrayList<>();
        ServiceLoader.load(BlockDescriptorProvider.class, BlockDescriptors.class.getClassLoader())
                .forEach(providers::add);
        Map<String, BlockDescriptor> byKind = new LinkedHashMap<>();
        for (boolean core : new boolean[] {false, true}) {
            for (BlockDescriptorProvider provider : providers) {
                if (provider.core() == core) {
                    for (BlockDescriptor d : provider.descriptors()) {
                        byKind.merge(d.kind(), d, BlockDescriptor::merge);
                    }
                }
            }
        }
        return List.copyOf(byKind.values());
    }
}
