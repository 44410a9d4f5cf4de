package org.greendl.deploy.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import java.util.function.Function;

/**
 * Identifies what opaque DJL functions compute by running them on random probes and comparing with
 * candidates. DJL keeps lambda blocks' settings (pool kernel, stride, padding) and parallel blocks' join
 * functions inside closures, so behaviour is the only reliable source; a wrong guess cannot pass the
 * numeric comparison.
 */
final class Probe {
    private Probe() {}

    @SuppressWarnings("unchecked")
    static Function<NDList, NDList> lambdaOf(LambdaBlock block) {
        return (Function<NDList, NDList>) Reflect.field(block, LambdaBlock.class, "lambda");
    }

    static boolean close(NDArray a, NDArray b) {
        if (!a.getShape().equals(b.getShape())) {
            return false;
        }
        if (a.getShape().size() == 0) {
            return true;
        }
        float diff = a.sub(b).abs().max().getFloat();
        float scale = Math.max(1f, a.abs().max().getFloat());
        return diff <= 1e-5f * scale;
    }
}
