package org.greendl.profile;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/** What a {@link LayerCounter} may do while counting one block. */
public interface CountContext {
    /** Counts a child block (its own row or rows, named under this block) and returns its output shapes. */
    Shape[] visit(String name, Block child, Shape[] inputs);

    /**
     * Records this block's own work as a row. {@code macs}: multiply-accumulates of convolutions, linear
     * maps and attention's matrix products; {@code flops}: all floating-point operations, 2 per MAC plus the
     * element-wise work. Call once per block (a second call adds a second row, for example "softmax").
     */
    void record(String type, long macs, long flops, Shape output);

    /** Records a row for a part of this block's work, named {@code part} under it. */
    void recordPart(String part, String type, long macs, long flops, Shape output);
}
