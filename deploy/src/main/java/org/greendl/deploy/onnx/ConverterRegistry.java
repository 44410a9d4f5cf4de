package org.greendl.deploy.onnx;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.greendl.profile.blocks.BlockDescriptors;

/**
 * An ordered list of {@link BlockConverter}s; the first that accepts a block converts it. The defaults are the
 * converter parts of the block descriptors ({@link BlockDescriptors}), in their lookup order: other modules'
 * descriptors come before the core ones, so a module can override how a core block is exported; those added
 * with {@link #with} come first of all.
 */
public final class ConverterRegistry {
    private final List<BlockConverter> converters;

    private ConverterRegistry(List<BlockConverter> converters) {
        this.converters = List.copyOf(converters);
    }

    /** The descriptors' converters: modules' blocks, then the DJL core blocks ({@link CoreConverters}). */
    public static ConverterRegistry defaults() {
        List<BlockConverter> list = new ArrayList<>();
        for (BlockDescriptors.Handled<BlockConverter> h : BlockDescriptors.parts(BlockConverter.class)) {
            list.add(guarded(h));
        }
        return new ConverterRegistry(list);
    }

    /** The converter, accepting only the blocks its descriptor gives it. */
    private static BlockConverter guarded(BlockDescriptors.Handled<BlockConverter> h) {
        return new BlockConverter() {
            @Override
            public boolean accepts(Block block) {
                return h.handles().test(block) && h.part().accepts(block);
            }

            @Override
            public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
                return h.part().convert(block, ctx, inputs, shapes);
            }
        };
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
