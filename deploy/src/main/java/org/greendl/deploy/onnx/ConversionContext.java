package org.greendl.deploy.onnx;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;

/** What a {@link BlockConverter} may use while converting one block. */
public interface ConversionContext {

    /** The graph being built. */
    OnnxGraph graph();

    /** The path of the block being converted, e.g. {@code model/03Conv2d}; use it as a name hint. */
    String path();

    /** Converts a child block (recursively, through the registry) and returns its output tensor names. */
    List<String> convertChild(Block child, String childName, List<String> inputs, Shape[] inputShapes);

    /** The values of a parameter of {@code block} as floats; an {@link ExportException} when it is missing. */
    float[] parameter(Block block, String name);

    /** The shape of a parameter of {@code block}, or null when the block has no such parameter. */
    Shape parameterShape(Block block, String name);

    /** A manager for probe arrays (used to identify lambda blocks by behaviour); closed after the export. */
    NDManager manager();
}
