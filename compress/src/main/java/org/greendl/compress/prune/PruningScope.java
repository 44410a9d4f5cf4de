package org.greendl.compress.prune;

/** Where magnitude pruning draws its threshold. */
public enum PruningScope {
    /** Every layer loses the same fraction of its weights. */
    LAYER,
    /** One threshold over all pruned layers: layers with many small weights lose more. */
    GLOBAL
}
