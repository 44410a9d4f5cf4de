package org.greendl.nn.shuffle;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Channel shuffle (ShuffleNet): views (N, C, H, W) as (N, g, C/g, H, W), swaps the two group axes and
 * flattens back, so the next grouped convolution sees channels from every group. Pure data movement.
 */
public final class ChannelShuffle extends AbstractBlock {
    private final int groups;

    public ChannelShuffle(int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("channel shuffle needs at least 1 group, got " + groups);
        }
        this.groups = groups;
    }

    public int groups() {
        return groups;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        long c = s.get(1);
        if (c % groups != 0) {
            throw new IllegalArgumentException("channel shuffle: " + c + " channels do not split into " + groups
                    + " groups");
        }
        NDArray y = x.reshape(s.get(0), groups, c / groups, s.get(2), s.get(3)).transpose(0, 2, 1, 3, 4)
                .reshape(s);
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }
}
