package org.greendl.train.hpo;

/**
 * One unit of work a search asks for: train {@code config} for {@code epochs} epochs.
 *
 * @param previous the same configuration's result at a lower rung, which the runner may continue from
 *     instead of starting again (null at the first rung)
 */
public record Trial(String id, Configuration config, int epochs, TrialResult previous) {
    /** The key under which a finished trial is journalled: configuration and budget. */
    public String key() {
        return config.key() + "@" + epochs;
    }
}
