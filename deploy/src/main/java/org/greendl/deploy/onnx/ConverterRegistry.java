package org.greendl.deploy.onnx;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * An ordered list of {@link BlockConverter}s; the first that accepts a block converts it. Converters found with
 * {@link ServiceLoader} and those added with {@link #with} come before the core ones, so a module can override
 * how a core block is exported.
 */
public final class ConverterRegistry {
    private final List<BlockConverter> converters;

    private ConverterRegistry(List<BlockConverter> converters) {
        this.converters = List.copyOf(converters);
    }

    /** Service-loaded converters, then the DJL core blocks ({@link CoreConverters}). */
    public static ConverterRegistry defaults() {
        List<BlockConverter> list = new ArrayList<>();
        ServiceLoader.load(BlockConverter.class).forEach(list::add);
        list.addAll(CoreConverters.all());
        return new ConverterRegistry(list);
    }

    /** Only the given converters (for tests and for callers that want full control). */
    public static ConverterRegistry of(List<BlockConverter> converters) {
        return new ConverterRegistry(converters);
    }

    /** A registry that tries {@code first} before the converters of this one. */
    public ConverterRegistry with(BlockConverter first) {
        List<BlockConverter> list = new ArrayList<>();
        list.add(first);
        list.addAll(converters);
        return new ConverterRegistry(list);
    }

    public Optional<BlockConverter> find(Block block) {
        return converters.stream().filter(c -> c.accepts(block)).findFirst();
    }
}
