package org.greendl.meter;

import java.time.Instant;
import org.greendl.meter.unit.Energy;

/**
 * A named span of a {@link Tracker}'s run, opened with {@link Tracker#task(String)} and closed with
 * try-with-resources. Tasks opened inside another on the same thread nest under it: a task's measurement
 * includes its children's, and its JSON line also gives {@code self_kwh} without them, so nothing is counted
 * twice. The tracker's own total is independent of tasks.
 */
public final class Task implements AutoCloseable {
    private final Tracker tracker;
    private final String name;
    private final Task parent;
    private final Instant start;
    private final Tracker.Totals startTotals;
    private Energy childrenEnergy = Energy.ZERO;
    private volatile Measurement result;

    Task(Tracker tracker, String name, Task parent, Instant start, Tracker.Totals startTotals) {
        this.tracker = tracker;
        this.name = name;
        this.parent = parent;
        this.start = start;
        this.startTotals = startTotals;
    }

    public String name() {
        return name;
    }

    /** Names from the outermost task, joined by "/". */
    public String path() {
        return parent == null ? name : parent.path() + "/" + name;
    }

    /** The enclosing task, or null. */
    public Task parent() {
        return parent;
    }

    public boolean isClosed() {
        return result != null;
    }

    /** The final measurement once closed; until then, the measurement so far. */
    public Measurement measurement() {
        Measurement r = result;
        return r != null ? r : tracker.measureSince(start, startTotals);
    }

    Instant start() {
        return start;
    }

    Tracker.Totals startTotals() {
        return startTotals;
    }

    synchronized void addChild(Energy energy) {
        childrenEnergy = childrenEnergy.plus(energy);
    }

    synchronized Energy childrenEnergy() {
        return childrenEnergy;
    }

    void finish(Measurement m) {
        result = m;
    }

    /**
     * Ends the task without a record: no task line is written and the enclosing task does not count it.
     * For a span opened in advance that turned out to hold no work. Does nothing once the task is closed.
     */
    public void discard() {
        tracker.discardTask(this);
    }

    /** Ends the task; idempotent. */
    @Override
    public void close() {
        tracker.closeTask(this);
    }
}
