package org.greendl.train.hpo;

/** Runs one trial (trains, validates, measures). The search never trains by itself, so tests can fake this. */
@FunctionalInterface
public interface TrialRunner {
    TrialResult run(Trial trial) throws Exception;
}
