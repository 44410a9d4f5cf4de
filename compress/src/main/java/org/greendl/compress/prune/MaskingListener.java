package org.greendl.compress.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.HashMap;
import java.util.Map;
import org.greendl.compress.Layers;
import org.greendl.compress.WeightLayer;

/**
 * Keeps pruned weights at zero while a model trains. DJL calls {@code onTrainingBatch} after the backward pass
 * and before the optimizer step, so each batch the listener zeroes the pruned weights (undoing whatever the
 * previous step did) and their gradients (so a momentum-free update cannot move them); it zeroes the weights
 * again at every epoch end and at the end of training, so what is evaluated and saved is exactly sparse.
 */
public class MaskingListener extends TrainingListenerAdapter {
    private PruningMasks masks;
    private final Map<String, NDArray> cached = new HashMap<>();

    public MaskingListener(PruningMasks masks) {
        this.masks = masks;
    }

    public PruningMasks masks() {
        return masks;
    }

    /** Replaces the masks (gradual pruning); cached device arrays are rebuilt lazily. */
    protected void setMasks(PruningMasks masks) {
        this.masks = masks;
        closeCached();
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        applyToWeights(trainer.getModel().getBlock(), false);
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        applyToWeights(trainer.getModel().getBlock(), true);
    }

    @Override
    public void onEpoch(Trainer trainer) {
        applyToWeights(trainer.getModel().getBlock(), false);
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        applyToWeights(trainer.getModel().getBlock(), false);
        closeCached();
    }

    /** Multiplies each masked weight (and, if asked, its gradient) by its 0/1 mask in place. */
    public void applyToWeights(Block model, boolean gradients) {
        for (String name : masks.kept().keySet()) {
            WeightLayer layer = Layers.find(model, name);
            NDArray w = layer.weight().getArray();
            NDArray mask = cached.computeIfAbsent(name,
                    n -> w.getManager().create(masks.maskValues(n), w.getShape()));
            w.muli(mask);
            if (gradients && w.hasGradient()) {
                w.getGradient().muli(mask);
            }
        }
    }

    private void closeCached() {
        cached.values().forEach(NDArray::close);
        cached.clear();
    }
}
