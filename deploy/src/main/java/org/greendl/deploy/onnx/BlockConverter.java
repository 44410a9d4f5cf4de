package org.greendl.deploy.onnx;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;

/**
 * Maps one kind of DJL {@link Block} to ONNX nodes. The registry ({@link ConverterRegistry}) asks each converter
 * in turn whether it {@link #accepts} a block; the first that does converts it. A block type's converter is one
 * part of its descriptor ({@link org.greendl.profile.blocks.BlockDescriptor}); {@link ConverterRegistry#with}
 * adds one for a single export.
 */
public interface BlockConverter {

    /** Whether this converter handles {@code block}. */
    boolean accepts(Block block);

    /**
     * Adds the nodes computing {@code block} (in inference mode) to {@code ctx.graph()}.
     *
     * @param inputs the ONNX tensor names of the block's inputs
     * @param inputShapes their shapes as DJL sees them (batch dimension included)
     * @return the ONNX tensor names of the block's outputs, in DJL's order
     */
    List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] inputShapes);
}
