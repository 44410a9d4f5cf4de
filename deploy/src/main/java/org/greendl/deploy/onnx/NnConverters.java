package org.greendl.deploy.onnx;

import static org.greendl.deploy.onnx.OnnxGraph.attrInts;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import org.greendl.nn.AdaptiveAvgPool2d;

/**
 * Converters for greendl-nn's own blocks, found by {@link ConverterRegistry#defaults()} through
 * {@code META-INF/services/org.greendl.deploy.onnx.BlockConverter} (the same way any module adds its own).
 */
public final class NnConverters {
    private NnConverters() {}

    /** {@link AdaptiveAvgPool2d} with a uniform window: AveragePool(kernel = stride = input / output). */
    public static final class AdaptiveAvgPool implements BlockConverter {
        @Override
        public boolean accepts(Block block) {
            return block instanceof AdaptiveAvgPool2d;
        }

        @Override
        public List<String> convert(Block block, ConversionContext ctx, List<String> inputs, Shape[] shapes) {
            long[] k = ((AdaptiveAvgPool2d) block).window(shapes[0]);
            if (k[0] == 1 && k[1] == 1) {
                return inputs;
            }
            return List.of(ctx.graph().node("AveragePool", ctx.path(), inputs, attrInts("kernel_shape", k),
                    attrInts("strides", k), attrInts("pads", 0, 0, 0, 0)));
        }
    }
}
