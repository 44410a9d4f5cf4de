package org.greendl.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongToDoubleFunction;

/**
 * Adam or SGD (with momentum) whose whole state, moments and step count, can be saved and restored, so a
 * run resumed from a checkpoint continues exactly where the interrupted one stopped. The learning rate is a
 * function of the global step ({@link LrSchedule}), and the update is DJL's fused engine kernel, the same one
 * DJL's own optimizers use.
 *
 * <p>{@link #beginStep()} must be called once before each {@code Trainer.step()}: the step count belongs to the
 * run, not to each parameter, so every parameter sees the same learning rate.
 */
public final class CheckpointableOptimizer extends Optimizer {
    private static final int STATE_VERSION = 1;
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final OptimizerKind kind;
    private final float momentum;
    private final LongToDoubleFunction learningRateAtStep;
    private final Map<String, NDArray> first = new TreeMap<>();
    private final Map<String, NDArray> second = new TreeMap<>();
    private long step;

    /**
     * @param learningRateAtStep learning rate at 1-based global step
     */
    public CheckpointableOptimizer(OptimizerKind kind, double momentum, double weightDecay,
            LongToDoubleFunction learningRateAtStep) {
        super(new Builder().optWeightDecays((float) weightDecay));
        this.kind = kind;
        this.momentum = (float) momentum;
        this.learningRateAtStep = learningRateAtStep;
    }

    /** Advances the global step; call before each {@code Trainer.step()}. */
    public void beginStep() {
        step++;
    }

    /** Optimizer steps taken so far (also across a resume). */
    public long step() {
        return step;
    }

    public double currentLearningRate() {
        return learningRateAtStep.applyAsDouble(Math.max(1, step));
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        long t = Math.max(1, step);
        float lr = (float) learningRateAtStep.applyAsDouble(t);
        float wd = getWeightDecay();
        if (kind == OptimizerKind.ADAM) {
            // The kernel takes the bias-corrected step size lr * sqrt(1 - b2^t) / (1 - b1^t), as DJL's Adam passes it.
            float correction = (float) (lr * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t)));
            NDList inputs = new NDList(weight, grad, state(first, parameterId, weight),
                    state(second, parameterId, weight));
            weight.getNDArrayInternal().adamUpdate(inputs, new NDList(weight), lr, correction, wd, rescaleGrad,
                    clipGrad, BETA1, BETA2, EPSILON, true, false);
        } else {
            NDList inputs = momentum > 0
                    ? new NDList(weight, grad, state(first, parameterId, weight))
                    : new NDList(weight, grad);
            weight.getNDArrayInternal().sgdUpdate(inputs, new NDList(weight), lr, wd, rescaleGrad, clipGrad, momentum,
                    true);
        }
    }

    private static NDArray state(Map<String, NDArray> states, String id, NDArray weight) {
        synchronized (states) {
            return states.computeIfAbsent(id, k -> weight.zerosLike());
        }
    }

    /**
     * Writes the step count and moment arrays. DJL parameter ids are random per process, so states are written
     * under stable names ({@code idToName}: parameter id to its path in the block).
     */
    public void save(DataOutputStream out, Map<String, String> idToName) throws IOException {
        out.writeInt(STATE_VERSION);
        out.writeUTF(kind.name());
        out.writeLong(step);
        writeStates(out, first, idToName);
        writeStates(out, second, idToName);
    }

    /** Restores what {@link #save} wrote; the arrays are created in {@code manager} (the parameters' manager). */
    public void load(DataInputStream in, NDManager manager, Map<String, String> nameToId) throws IOException {
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("optimizer state version " + version + " (expected " + STATE_VERSION + ")");
        }
        String savedKind = in.readUTF();
        if (!savedKind.equals(kind.name())) {
            throw new IOException("optimizer state is for " + savedKind.toLowerCase() + ", this run uses "
                    + kind.id());
        }
        step = in.readLong();
        readStates(in, first, manager, nameToId);
        readStates(in, second, manager, nameToId);
    }

    private static void writeStates(DataOutputStream out, Map<String, NDArray> states, Map<String, String> idToName)
            throws IOException {
        // A model grown in training (widen) replaced some parameters: their state is of no use any more.
        states.entrySet().removeIf(e -> {
            boolean stale = !idToName.containsKey(e.getKey());
            if (stale) {
                e.getValue().close();
            }
            return stale;
        });
        out.writeInt(states.size());
        for (Map.Entry<String, NDArray> e : states.entrySet()) {
            String name = idToName.get(e.getKey());
            out.writeUTF(name);
            byte[] bytes = e.getValue().encode();
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static void readStates(DataInputStream in, Map<String, NDArray> states, NDManager manager,
            Map<String, String> nameToId) throws IOException {
        states.values().forEach(NDArray::close);
        states.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            String id = nameToId.get(name);
            if (id == null) {
                throw new IOException("optimizer state for parameter " + name + ", which this block does not have");
            }
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            NDArray array = NDArray.decode(manager, bytes);
            states.put(id, array);
        }
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
