package org.greendl.deploy.runtime;

/**
 * Measures the energy of a section of code: {@link #start()} then {@link Section#stop()}. The benchmark uses the
 * greendl meter through this small interface so the runtime API does not depend on how energy is read.
 */
public interface EnergyMeter {
    Section start();

    /** A running measurement. */
    interface Section {
        /** Energy used since {@link EnergyMeter#start()} in kWh, and where the figure came from. */
        Reading stop();
    }

    /** @param source "rapl" when measured, "estimate" when modelled from CPU time */
    record Reading(double kwh, String source) {}
}
