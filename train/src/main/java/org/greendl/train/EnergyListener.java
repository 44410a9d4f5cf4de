package org.greendl.train;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.util.ArrayList;
import java.util.List;
import org.greendl.meter.Measurement;
import org.greendl.meter.Task;
import org.greendl.meter.Tracker;
import org.greendl.meter.TrackerConfig;
import org.greendl.record.RunRecord;

/**
 * The meter as a DJL training listener: starts a {@link Tracker} when training begins, stops it when training
 * ends, and answers "how much so far" (energy by component with its source, emissions) cheaply enough to be
 * asked after every batch. Costs carried over from before a resume are added, so budgets span the whole run.
 * It only observes; it never changes training.
 *
 * <p>Per epoch: added to your own loop (DJL's {@code EasyTrain.fit}, or any loop that calls {@code onEpoch}
 * after each epoch), the listener opens the tracker task {@code epoch-1} when the trainer is created, closes it
 * at each {@code onEpoch} and opens the next one, so the meter's task log ({@code emissions-tasks.jsonl} in the
 * tracker's output folder) gets one line per epoch, and {@link #epochs()} gives each epoch's measurement. The
 * span opened after the last {@code onEpoch} is dropped if no training batch ran in it (a partial epoch cut
 * short by closing the trainer is kept). A caller that marks epochs itself with {@link #beginEpoch} and
 * {@link #endEpoch} ({@link TrainingSession} does) turns this off.
 */
public final class EnergyListener extends TrainingListenerAdapter {
    private final TrackerConfig config;
    private final RunRecord.EnergyInfo carriedEnergy;
    private final double carriedKg;
    private Tracker tracker;
    private Measurement last;
    private Task epochTask;
    private final boolean stopWithTrainer;
    private final List<EpochEnergy> epochs = new ArrayList<>();
    private boolean callerMarksEpochs;
    private int epochNumber;
    private long trainingBatches;

    /** One epoch's energy: its number (from 1) and the tracker task's measurement of it. */
    public record EpochEnergy(int epoch, Measurement measurement) {}

    /** A listener for your own training loop: one tracker task per epoch; it stops when the trainer closes. */
    public EnergyListener(TrackerConfig config) {
        this(config, null, 0);
    }

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
    public synchronized void onTrainingBegin(Trainer trainer) {
        start();
        if (!callerMarksEpochs && epochTask == null) {
            openEpoch(epochNumber + 1);
        }
    }

    @Override
    public synchronized void onTrainingBatch(Trainer trainer, BatchData batchData) {
        trainingBatches++;
    }

    @Override
    public synchronized void onEpoch(Trainer trainer) {
        if (callerMarksEpochs) {
            return;
        }
        closeEpoch();
        openEpoch(epochNumber + 1);
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        synchronized (this) {
            if (!callerMarksEpochs) {
                dropOrCloseEpoch();
            }
        }
        if (stopWithTrainer) {
            stop();
        }
    }

    /**
     * Opens the tracker task {@code epoch-N}, so the meter's task log gets a line per epoch. From the first call
     * on, epochs are marked only by these calls, no longer by the trainer's {@code onEpoch}.
     */
    public synchronized void beginEpoch(int epoch) {
        if (!callerMarksEpochs) {
            callerMarksEpochs = true;
            dropOrCloseEpoch();
        }
        endEpoch();
        start();
        openEpoch(epoch);
    }

    /** Closes the current epoch's task, if any. */
    public synchronized void endEpoch() {
        closeEpoch();
    }

    /** The epochs measured so far, in order: one entry per closed epoch task. */
    public synchronized List<EpochEnergy> epochs() {
        return List.copyOf(epochs);
    }

    private void openEpoch(int epoch) {
        start();
        epochNumber = epoch;
        trainingBatches = 0;
        epochTask = tracker.task("epoch-" + epoch);
    }

    private void closeEpoch() {
        if (epochTask != null) {
            epochTask.close();
            epochs.add(new EpochEnergy(epochNumber, epochTask.measurement()));
            epochTask = null;
        }
    }

    /** Ends a span opened in advance: dropped when no training batch ran in it, else kept as a partial epoch. */
    private void dropOrCloseEpoch() {
        if (epochTask != null && trainingBatches == 0) {
            epochTask.discard();
            epochTask = null;
            epochNumber--;
        } else {
            closeEpoch();
        }
    }

    /** Stops the tracker (idempotent); later readings return the final measurement. */
    public synchronized Measurement stop() {
        if (callerMarksEpochs) {
            endEpoch();
        } else {
            dropOrCloseEpoch();
        }
        start();
        last = tracker.stop();
        return last;
    }

    /** A fresh measurement of this listener's run (without carried-over costs). */
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
