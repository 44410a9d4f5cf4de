package org.greendl.cli;

import org.greendl.deploy.runtime.TrackerEnergyMeter;

/** Connects the deploy benchmark to the greendl meter. */
final class MeterBridge {
    private MeterBridge() {}

    /** This process's share of the CPU energy (RAPL when readable, else the meter's estimate). */
    static TrackerEnergyMeter energyMeter() {
        return TrackerEnergyMeter.processShare();
    }
}
