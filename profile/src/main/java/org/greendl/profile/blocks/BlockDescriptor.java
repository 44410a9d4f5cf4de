package org.greendl.profile.blocks;

import ai.djl.nn.Block;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What one layer of concern knows about one block type: its parts (a profiler counter, a spec codec, an ONNX
 * converter, a pruning rewrite, ...) keyed by the part's interface, or the stated reason it has none. The
 * parts of one block type contributed by several modules share a {@link #kind()} and are merged by
 * {@link BlockDescriptors}. Immutable; {@link #with} and {@link #without} return a new descriptor.
 */
public final class BlockDescriptor {
    /** One part and the blocks it handles (usually the descriptor's own match). */
    record Part(Object value, Predicate<Block> matches, String whyNone) {}

    private final String kind;
    private final Predicate<Block> matches;
    private final Map<Class<?>, Part> parts;

    private BlockDescriptor(String kind, Predicate<Block> matches, Map<Class<?>, Part> parts) {
        this.kind = kind;
        this.matches = matches;
        this.parts = Map.copyOf(parts);
    }

    /** A descriptor for the blocks {@code matches} accepts, named {@code kind} (the spec type where one exists). */
    public static BlockDescriptor of(String kind, Predicate<Block> matches) {
        return new BlockDescriptor(kind, matches, Map.of());
    }

    /** A descriptor for instances of {@code type} (subclasses included). */
    public static BlockDescriptor of(String kind, Class<? extends Block> type) {
        return of(kind, type::isInstance);
    }

    public String kind() {
        return kind;
    }

    public boolean matches(Block block) {
        return matches.test(block);
    }

    /** Adds a part that handles every block this descriptor matches. */
    public <P> BlockDescriptor with(Class<P> type, P value) {
        return with(type, matches, value);
    }

    /** Adds a part that handles the blocks {@code when} accepts (a part may be wider or narrower than the kind). */
    public <P> BlockDescriptor with(Class<P> type, Predicate<Block> when, P value) {
        return put(type, new Part(type.cast(value), when, null));
    }

    /** States why blocks of this kind have no part of this type (for example why they cannot be pruned). */
    public BlockDescriptor without(Class<?> type, String why) {
        return put(type, new Part(null, matches, why));
    }

    /** This descriptor's part of that type, if it has one. */
    public <P> Optional<P> part(Class<P> type) {
        Part p = parts.get(type);
        return p == null || p.value() == null ? Optional.empty() : Optional.of(type.cast(p.value()));
    }

    /** The stated reason for having no part of that type, if there is one. */
    public Optional<String> whyNone(Class<?> type) {
        Part p = parts.get(type);
        return p == null ? Optional.empty() : Optional.ofNullable(p.whyNone());
    }

    Map<Class<?>, Part> parts() {
        return parts;
    }

    /** The union of two contributions to one kind; the same part given twice is a mistake. */
    BlockDescriptor merge(BlockDescriptor other) {
        Map<Class<?>, Part> all = new LinkedHashMap<>(parts);
        for (var e : other.parts.entrySet()) {
            if (all.putIfAbsent(e.getKey(), e.getValue()) != null) {
                throw new IllegalStateException("block kind '" + kind + "' has two " + e.getKey().getSimpleName()
                        + " parts");
            }
        }
        return new BlockDescriptor(kind, matches.or(other.matches), all);
    }

    private BlockDescriptor put(Class<?> type, Part part) {
        Map<Class<?>, Part> all = new LinkedHashMap<>(parts);
        all.put(type, part);
        return new BlockDescriptor(kind, matches, all);
    }

    @Override
    public String toString() {
        return "BlockDescriptor[" + kind + ", parts " + parts.keySet().stream().map(Class::getSimpleName).toList()
                + "]";
    }
}
