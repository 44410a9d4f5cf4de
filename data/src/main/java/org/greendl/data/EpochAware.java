package org.greendl.data;

/**
 * A dataset whose order and augmentations depend on the epoch only (given its seed), so that a training run
 * resumed at epoch {@code e} sees exactly the batches an uninterrupted run would have seen. The training loop
 * calls {@link #setEpoch} before iterating.
 */
public interface EpochAware {
    void setEpoch(int epoch);
}
