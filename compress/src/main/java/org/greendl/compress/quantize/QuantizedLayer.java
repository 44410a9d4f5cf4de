package org.greendl.compress.quantize;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.greendl.compress.Params;

/**
 * A Conv2d or Linear that computes with fake-quantized int8 weights (symmetric, per output channel) and, if
 * asked, a fake-quantized uint8 input (asymmetric, per tensor, range observed as an EMA of batch min/max while
 * training and frozen in inference). It wraps the original layer and uses its parameters, so training the
 * wrapper trains the original model.
 */
public final class QuantizedLayer extends AbstractBlock {
    private final Block layer;
    private final String name;
    private final QatConfig config;
    private float observedMin = Float.NaN;
    private float observedMax = Float.NaN;

    public QuantizedLayer(String name, Block layer, QatConfig config) {
        if (!(layer instanceof Conv2d) && !(layer instanceof Linear)) {
            throw new IllegalArgumentException("can only quantize Conv2d and Linear, got "
                    + layer.getClass().getSimpleName());
        }
        this.name = name;
        this.layer = addChildBlock("layer", layer);
        this.config = config;
    }

    public String name() {
        return name;
    }

    public Block layer() {
        return layer;
    }

    /** The activation range used in inference, or null when none was observed. */
    public FakeQuant.Affine activationRange() {
        return Float.isNaN(observedMin) ? null : FakeQuant.Affine.of(observedMin, observedMax);
    }

    /** Freezes the activation range (from a saved qat.json). */
    public void setActivationRange(float min, float max) {
        observedMin = min;
        observedMax = max;
    }

    public float[] weightScales() {
        Parameter w = Params.direct(layer, "weight");
        return FakeQuant.weightScales(Params.values(w), (int) w.getArray().getShape().get(0));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        if (config.quantizeActivations()) {
            if (training || Float.isNaN(observedMin)) {
                observe(x); // in inference only until a range exists (calibration)
            }
            x = FakeQuant.activation(x, FakeQuant.Affine.of(observedMin, observedMax));
        }
        Parameter wp = Params.direct(layer, "weight");
        Parameter bp = Params.direct(layer, "bias");
        NDArray w = ps.getValue(wp, x.getDevice(), training);
        NDArray b = bp == null ? null : ps.getValue(bp, x.getDevice(), training);
        NDArray wq = FakeQuant.weight(w, x.getManager());
        if (layer instanceof Convolution c) {
            return Conv2d.conv2d(x, wq, b, c.getStride(), c.getPadding(), c.getDilation(), c.getGroups());
        }
        return Linear.linear(x, wq, b);
    }

    private void observe(NDArray x) {
        float min = x.min().getFloat();
        float max = x.max().getFloat();
        if (Float.isNaN(observedMin)) {
            observedMin = min;
            observedMax = max;
        } else {
            float m = (float) config.emaMomentum();
            observedMin = m * observedMin + (1 - m) * min;
            observedMax = m * observedMax + (1 - m) * max;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return layer.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        layer.initialize(manager, dataType, inputShapes);
    }
}
