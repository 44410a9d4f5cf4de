package org.greendl.meter.sink;

import java.io.IOException;

/** Where a tracker's results go. Calls are serialized by the tracker. */
public interface Sink {
    /** The run so far; called after every sample, so that a killed run loses at most one interval. */
    void progress(RunSnapshot run) throws IOException;

    /** The final state of the run. */
    void finish(RunSnapshot run) throws IOException;

    /** A task has closed. */
    default void task(TaskRecord task) throws IOException {}
}
