package org.greendl.train;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import org.greendl.meter.Measurement;
import org.greendl.meter.Task;
import org.greendl.meter.Tracker;
import org.greendl.meter.TrackerConfig;

/**
 * The meter as a DJL training listener: starts a {@link Tracker} when training begins, stops it when training
 * ends, and answers "how much so far" (energy by component with its source, emissions) cheaply enough to be
 * asked after every batch. Costs carried over from before a resume are added, so budgets span the whole run.
 * It only observes; it never changes training.
 */
public final class EnergyListener extends TrainingListenerAdapter {
    private final TrackerConfig config;
    private final RunRecord.EnergyInfo carriedEnergy;
    private final double carriedKg;
    private Tracker tracker;
    private Measurement last;
    private Task epochTask;
    private final boolean stopWithTrainer;

    /** A listener that stops measuring when the trainer closes. */
    public EnergyListener(TrackerConfig config, RunRecord.EnergyInfo carriedEnergy, double carriedKg) {
        this(config, carriedEnergy, carriedKg, true);
    }

    /**
     * @param stopWithTrainer false when the caller stops the tracker itself, e.g. to also measure a final
     *     evaluation after the trainer is closed ({@link TrainingSession} does)
     */
    public EnergyListener(TrackerConfig config, RunRecord.EnergyInfo carriedEnergy, double carriedKg,
            boolean stopWithTrainer) {
        this.config = config;
        this.carriedEnergy = carriedEnergy == null ? RunRecord.EnergyInfo.ZERO : carriedEnergy;
        this.carriedKg = carriedKg;
        this.stopWithTrainer = stopWithTrainer;
    }

    /** Starts measuring (also done by {@code onTrainingBegin}; starting twice is harmless). */
    public synchronized void start() {
        if (tracker == null) {
            tracker = Tracker.start(config);
        }
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        start();
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        if (stopWithTrainer) {
            stop();
        }
    }

    /** Opens the tracker task {@code epoch-N}, so the meter's task log gets a line per epoch. */
    public synchronized void beginEpoch(int epoch) {
        endEpoch();
        start();
        epochTask = tracker.task("epoch-" + epoch);
    }

    /** Closes the current epoch's task, if any. */
    public synchronized void endEpoch() {
        if (epochTask != null) {
            epochTask.close();
            epochTask = null;
        }
    }

    /** Stops the tracker (idempotent); later readings return the final measurement. */
    public synchronized Measurement stop() {
        endEpoch();
        start();
        last = tracker.stop();
        return last;
    }

    /** A fresh measurement of this session (without carried-over costs). */
    public synchronized Measurement measure() {
        start();
        last = tracker.measure();
        return last;
    }

    /** Energy so far, including what was carried over from before a resume. */
    public RunRecord.EnergyInfo totalEnergy() {
        return carriedEnergy.plus(toInfo(measure()));
    }

    /** Emissions so far in kg, including what was carried over. Uses the latest measurement. */
    public synchronized double totalEmissionsKg() {
        if (last == null) {
            measure();
        }
        return carriedKg + last.emissions().kg();
    }

    /** The latest measurement (taken by the last call to {@link #measure} or {@link #totalEnergy}). */
    public synchronized Measurement latest() {
        if (last == null) {
            measure();
        }
        return last;
    }

    static RunRecord.EnergyInfo toInfo(Measurement m) {
        return new RunRecord.EnergyInfo(m.total().kwh(), m.cpu().kwh(), m.gpu().kwh(), m.ram().kwh(),
                new RunRecord.Sources(m.cpuSource(), m.gpuSource(), m.ramSource()));
    }
}
