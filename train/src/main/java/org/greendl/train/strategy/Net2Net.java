package org.greendl.train.strategy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.List;
import org.greendl.profile.DjlBlocks;

/**
 * Net2DeeperNet (Chen, Goodfellow and Shlens 2016, "Net2Net: Accelerating Learning via Knowledge Transfer") for
 * sequential conv nets: insert a conv, batch norm, ReLU triple that computes the identity, so the deeper network
 * computes exactly what the shallower one did and training continues from there.
 *
 * <p>The inserted conv has a Dirac kernel (1 at the centre of channel i to channel i, 0 elsewhere) and zero
 * bias; the batch norm's running mean and variance are set to the statistics of its input on a sample batch and
 * its scale and shift to {@code sqrt(var + eps)} and {@code mean}, so it is the identity in inference for any
 * input and close to it in training (batch statistics near the sample's). The ReLU after it keeps the function
 * because the triple is inserted right after a ReLU, whose outputs are already non-negative.
 */
public final class Net2Net {
    private Net2Net() {}

    /** A conv, batch norm, ReLU triple that a shallow net leaves out, and where it goes back. */
    public record Removed(int position, Conv2d conv, BatchNorm batchNorm, Block relu) {}

    /** The shallow version of a sequential net and the triples to put back, in forward order. */
    public record Shallow(SequentialBlock block, List<Removed> removed) {}

    /**
     * Splits an uninitialized sequential net into its shallow version: every conv, batch norm, ReLU triple that
     * directly follows another such triple with the same number of filters and keeps width and height (stride
     * 1, padding (k - 1) / 2, no groups) is left out. For cnn that is the second conv of each stage.
     *
     * @throws IllegalArgumentException when {@code block} is not a sequential block or has no such triple
     */
    public static Shallow shallow(Block block) {
        if (!(block instanceof SequentialBlock)) {
            throw new IllegalArgumentException("grow needs a sequential model of conv, batch norm and ReLU layers, got "
                    + block.getClass().getSimpleName());
        }
        List<Block> children = new ArrayList<>(block.getChildren().values());
        SequentialBlock out = new SequentialBlock();
        List<Removed> removed = new ArrayList<>();
        int i = 0;
        while (i < children.size()) {
            if (i >= 3 && isTriple(children, i - 3) && isTriple(children, i) && sameWidth(children, i - 3, i)
                    && (removed.isEmpty() || removed.get(removed.size() - 1).position() != out.getChildren().size())) {
                removed.add(new Removed(out.getChildren().size(), (Conv2d) children.get(i),
                        (BatchNorm) children.get(i + 1), children.get(i + 2)));
                i += 3;
                continue;
            }
            out.add(children.get(i));
            i++;
        }
        if (removed.isEmpty()) {
            throw new IllegalArgumentException("grow found no conv, batch norm, ReLU layer that follows one of the same"
                    + " width to start without (cnn has two)");
        }
        return new Shallow(out, List.copyOf(removed));
    }

    private static boolean isTriple(List<Block> children, int i) {
        return i + 2 < children.size() && children.get(i) instanceof Conv2d
                && children.get(i + 1) instanceof BatchNorm
                && DjlBlocks.activation(children.get(i + 2)).filter("relu"::equals).isPresent();
    }

    private static boolean sameWidth(List<Block> children, int first, int second) {
        Conv2d a = (Conv2d) children.get(first);
        Conv2d b = (Conv2d) children.get(second);
        long[] k = b.getKernelShape().getShape();
        long[] stride = b.getStride().getShape();
        long[] pad = b.getPadding().getShape();
        long[] dilation = b.getDilation().getShape();
        for (int d = 0; d < k.length; d++) {
            if (k[d] % 2 == 0 || stride[d] != 1 || dilation[d] != 1 || pad[d] != (k[d] - 1) / 2) {
                return false;
            }
        }
        return a.getFilters() == b.getFilters() && b.getGroups() == 1;
    }

    /**
     * Inserts {@code conv}, {@code batchNorm}, {@code relu} (uninitialized, conv with as many filters as the
     * input has channels) at {@code position} of the initialized {@code net}, initialized so that the network's
     * function is unchanged. The block before {@code position} must be a ReLU. {@code sample} is an input batch
     * of the net (its statistics at the insertion point set the batch norm); parameters are created in
     * {@code manager} (the model's manager while training).
     */
    public static void deepen(SequentialBlock net, int position, Conv2d conv, BatchNorm batchNorm, Block relu,
            NDArray sample, NDManager manager) {
        List<Block> children = new ArrayList<>(net.getChildren().values());
        if (position < 1 || position > children.size()
                || DjlBlocks.activation(children.get(position - 1)).filter("relu"::equals).isEmpty()) {
            throw new IllegalArgumentException("Net2DeeperNet inserts after a ReLU; layer " + position + " of "
                    + children.size() + " does not follow one");
        }
        float[] mean;
        float[] variance;
        Shape inputShape;
        try (NDManager scope = manager.newSubManager()) {
            NDArray input = sample.duplicate();
            input.attach(scope); // results of ops on it live in scope too
            NDArray h = prefix(children, position, input, scope);
            inputShape = h.getShape();
            if (inputShape.dimension() != 4 || inputShape.get(1) != conv.getFilters()) {
                throw new IllegalArgumentException("Net2DeeperNet: the conv has " + conv.getFilters()
                        + " filters but its input is " + inputShape + " (expected as many channels as filters)");
            }
            // Per channel over batch and positions (the engine's mean takes one axis at a time).
            NDArray perChannel = h.transpose(1, 0, 2, 3).reshape(inputShape.get(1), -1);
            NDArray m = perChannel.mean(new int[] {1}, true);
            mean = m.toFloatArray();
            variance = perChannel.sub(m).square().mean(new int[] {1}).toFloatArray();
        }
        int channels = mean.length;
        float eps = DjlBlocks.batchNorm(batchNorm).epsilon();
        float[] scale = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = (float) Math.sqrt(variance[c] + eps);
        }
        for (Parameter p : conv.getDirectParameters().values()) {
            p.setInitializer(p.getType() == Parameter.Type.WEIGHT ? Net2Net::dirac : Net2Net::zeros);
        }
        for (Parameter p : batchNorm.getDirectParameters().values()) {
            float[] values = switch (p.getType()) {
                case GAMMA -> scale;
                case BETA, RUNNING_MEAN -> mean;
                case RUNNING_VAR -> variance;
                default -> throw new IllegalStateException("unexpected batch norm parameter " + p.getName());
            };
            p.setInitializer(constant(values));
        }
        Shape batchShape = new Shape(1, inputShape.get(1), inputShape.get(2), inputShape.get(3));
        conv.initialize(manager, DataType.FLOAT32, batchShape);
        batchNorm.initialize(manager, DataType.FLOAT32, batchShape);
        relu.initialize(manager, DataType.FLOAT32, batchShape);
        List<Block> tail = children.subList(position, children.size());
        for (int i = 0; i < tail.size(); i++) {
            net.removeLastBlock();
        }
        net.add(conv).add(batchNorm).add(relu);
        tail.forEach(net::add);
    }

    /** The output of the first {@code count} children on {@code input}, in inference mode. */
    private static NDArray prefix(List<Block> children, int count, NDArray input, NDManager scope) {
        ParameterStore store = new ParameterStore(scope, false);
        NDList x = new NDList(input);
        for (int i = 0; i < count; i++) {
            x = children.get(i).forward(store, x, false);
        }
        return x.head();
    }

    private static NDArray dirac(NDManager manager, Shape shape, DataType type) {
        // (out, in, kh, kw) with out == in: a 1 at the centre tap of channel i -> i.
        int out = (int) shape.get(0);
        int in = (int) shape.get(1);
        int kh = (int) shape.get(2);
        int kw = (int) shape.get(3);
        float[] w = new float[out * in * kh * kw];
        for (int c = 0; c < Math.min(out, in); c++) {
            w[((c * in + c) * kh + kh / 2) * kw + kw / 2] = 1f;
        }
        return manager.create(w, shape).toType(type, false);
    }

    private static NDArray zeros(NDManager manager, Shape shape, DataType type) {
        return manager.zeros(shape, type);
    }

    /** An initializer giving exactly {@code values} (in the parameter's shape). */
    static Initializer constant(float[] values) {
        return (manager, shape, type) -> manager.create(values, shape).toType(type, false);
    }
}
