package org.greendl.deploy.onnx;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/** Test helpers: initialize a block with random parameters (batch-norm statistics included) and run it. */
final class Blocks {
    private Blocks() {}

    static void initialize(Block block, NDManager manager, Shape input, long seed) {
        ai.djl.engine.Engine.getInstance().setRandomSeed((int) seed);
        block.initialize(manager, DataType.FLOAT32, input);
        for (Pair<String, Parameter> p : block.getParameters()) {
            String name = p.getValue().getName();
            NDArray a = p.getValue().getArray();
            if (name.equals("runningVar")) {
                a.set(manager.randomUniform(0.5f, 2f, a.getShape()).toFloatArray());
            } else if (name.equals("runningMean") || name.equals("beta")) {
                a.set(manager.randomNormal(0f, 0.3f, a.getShape(), DataType.FLOAT32).toFloatArray());
            } else if (name.equals("gamma")) {
                a.set(manager.randomUniform(0.5f, 1.5f, a.getShape()).toFloatArray());
            }
        }
    }

    static float[] forward(Block block, NDManager manager, NDArray x) {
        NDList out = block.forward(new ParameterStore(manager, false), new NDList(x), false);
        return out.get(0).toFloatArray();
    }
}
