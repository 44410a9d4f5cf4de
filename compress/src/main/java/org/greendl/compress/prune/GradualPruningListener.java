package org.greendl.compress.prune;

import ai.djl.nn.Block;
import ai.djl.training.Trainer;

/**
 * Gradual magnitude pruning during training: on the schedule's pruning steps the masks are recomputed from the
 * current weights at the scheduled sparsity; in between, the masks are held like {@link MaskingListener}.
 */
public final class GradualPruningListener extends MaskingListener {
    private final CubicSchedule schedule;
    private final MagnitudePruningConfig config;
    private long step;

    /** @param config scope and layers; its sparsity is replaced by the schedule's */
    public GradualPruningListener(CubicSchedule schedule, MagnitudePruningConfig config, Block model) {
        super(MagnitudePruning.masks(model, config.withSparsity(schedule.initial())));
        this.schedule = schedule;
        this.config = config;
    }

    public long step() {
        return step;
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        Block model = trainer.getModel().getBlock();
        if (schedule.isPruningStep(step)) {
            applyToWeights(model, false);
            setMasks(MagnitudePruning.masks(model, config.withSparsity(schedule.sparsityAt(step))));
        }
        step++;
        super.onTrainingBatch(trainer, batchData);
    }
}
