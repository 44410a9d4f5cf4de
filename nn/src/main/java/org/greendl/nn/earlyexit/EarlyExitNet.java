package org.greendl.nn.earlyexit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Early-exit network (BranchyNet, Teerapittayanon et al. 2016): a backbone cut into stages, a small
 * classifier head after each. In training every head sees the whole batch and the output is
 * {@code [final logits, exit 0 logits, exit 1 logits, ...]} for {@link EarlyExitLoss}. In inference a sample
 * whose head is confident enough (max softmax probability at least the threshold) leaves with that head's
 * logits and the remaining stages run only on the samples still in: the skipped layers really are not
 * computed. The output is then one (N, classes) logits array in input order. Stages may pass several arrays
 * (a text model's hidden states and mask); heads read them all, and each is split by sample alike.
 */
public final class EarlyExitNet extends AbstractBlock {
    private final List<Block> stages = new ArrayList<>();
    private final List<Block> heads = new ArrayList<>();
    private volatile float threshold;
    private final AtomicLongArray exitCounts;

    private EarlyExitNet(Builder b) {
        if (b.stages.isEmpty() || b.stages.size() != b.heads.size()) {
            throw new IllegalArgumentException("early-exit net needs at least one stage and one head per stage");
        }
        for (int i = 0; i < b.stages.size(); i++) {
            stages.add(addChildBlock("stage" + i, b.stages.get(i)));
            heads.add(addChildBlock("exit" + i, b.heads.get(i)));
        }
        threshold = b.threshold;
        exitCounts = new AtomicLongArray(stages.size());
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Block> stages() {
        return List.copyOf(stages);
    }

    /** Heads; the last one is the final classifier. */
    public List<Block> heads() {
        return List.copyOf(heads);
    }

    public float threshold() {
        return threshold;
    }

    /** Confidence a sample needs to leave early; above 1 no sample leaves before the final head. */
    public void setThreshold(float t) {
        threshold = t;
    }

    /** How many samples left at each exit (the last is the final head) since the last reset. */
    public long[] exitCounts() {
        long[] out = new long[exitCounts.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = exitCounts.get(i);
        }
        return out;
    }

    public void resetExitCounts() {
        for (int i = 0; i < exitCounts.length(); i++) {
            exitCounts.set(i, 0);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return training ? forwardAll(ps, inputs, params) : forwardExiting(ps, inputs, params);
    }

    private NDList forwardAll(ParameterStore ps, NDList inputs, PairList<String, Object> params) {
        NDList x = inputs;
        NDList outs = new NDList();
        for (int i = 0; i < stages.size(); i++) {
            x = stages.get(i).forward(ps, x, true, params);
            outs.add(heads.get(i).forward(ps, x, true, params).singletonOrThrow());
        }
        NDList ordered = new NDList(outs.get(outs.size() - 1));
        for (int i = 0; i < outs.size() - 1; i++) {
            ordered.add(outs.get(i));
        }
        return ordered;
    }

    private NDList forwardExiting(ParameterStore ps, NDList inputs, PairList<String, Object> params) {
        // Every array between stages (hidden states, and a text model's mask) is split by sample alike.
        NDList x = inputs;
        NDManager m = x.head().getManager();
        NDArray index = m.arange(x.head().getShape().get(0)).toType(DataType.INT64, false);
        NDList parts = new NDList();
        NDList partIndex = new NDList();
        int last = stages.size() - 1;
        for (int i = 0; i <= last; i++) {
            x = stages.get(i).forward(ps, x, false, params);
            NDArray logits = heads.get(i).forward(ps, x, false, params).singletonOrThrow();
            if (i == last) {
                parts.add(logits);
                partIndex.add(index);
                exitCounts.addAndGet(i, index.getShape().get(0));
                break;
            }
            NDArray confident = logits.softmax(-1).max(new int[] {-1}).gte(threshold);
            long leaving = confident.sum().toType(DataType.INT64, false).getLong();
            if (leaving > 0) {
                parts.add(logits.get(new NDIndex("{}", confident)));
                partIndex.add(index.get(new NDIndex("{}", confident)));
                exitCounts.addAndGet(i, leaving);
            }
            if (leaving == index.getShape().get(0)) {
                break;
            }
            if (leaving > 0) {
                NDArray staying = confident.logicalNot();
                NDList kept = new NDList();
                for (NDArray a : x) {
                    kept.add(a.get(new NDIndex("{}", staying)));
                }
                x = kept;
                index = index.get(new NDIndex("{}", staying));
            }
        }
        NDArray logits = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);
        NDArray order = partIndex.size() == 1 ? partIndex.get(0) : NDArrays.concat(partIndex, 0);
        return new NDList(logits.get(order.argSort()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape[] x = inputs;
        Shape[] out = null;
        for (int i = 0; i < stages.size(); i++) {
            x = stages.get(i).getOutputShapes(x);
            out = heads.get(i).getOutputShapes(x);
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] x = inputShapes;
        for (int i = 0; i < stages.size(); i++) {
            stages.get(i).initialize(manager, dataType, x);
            x = stages.get(i).getOutputShapes(x);
            heads.get(i).initialize(manager, dataType, x);
        }
    }

    /** Add stages in order with their heads; the last head is the final classifier. */
    public static final class Builder {
        private final List<Block> stages = new ArrayList<>();
        private final List<Block> heads = new ArrayList<>();
        private float threshold = 0.9f;

        public Builder addStage(Block stage, Block head) {
            stages.add(stage);
            heads.add(head);
            return this;
        }

        /** Confidence (max softmax probability) to leave early; default 0.9. */
        public Builder optThreshold(float t) {
            threshold = t;
            return this;
        }

        public EarlyExitNet build() {
            return new EarlyExitNet(this);
        }
    }
}
