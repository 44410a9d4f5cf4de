package org.greendl.meter.source;

import java.util.List;

/** An in-memory NVML: devices with a settable energy counter (or none) and power draw. */
public final class FakeNvml implements Nvml {
    final List<String> uuids;
    public final long[] energyMj;
    final long[] powerMw;
    final boolean[] hasCounter;
    boolean initialized;
    boolean shutdown;
    int initError;

    public FakeNvml(List<String> uuids, boolean[] hasCounter) {
        this.uuids = uuids;
        this.hasCounter = hasCounter;
        this.energyMj = new long[uuids.size()];
        this.powerMw = new long[uuids.size()];
    }

    @Override
    public void init() throws NvmlException {
        if (initError != 0) {
            throw new NvmlException(initError, "nvmlInit: Driver/library version mismatch");
        }
        initialized = true;
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public int deviceCount() {
        return uuids.size();
    }

    @Override
    public String name(int index) {
        return "Fake GPU " + index;
    }

    @Override
    public String uuid(int index) {
        return uuids.get(index);
    }

    @Override
    public long totalEnergyMillijoules(int index) throws NvmlException {
        if (!hasCounter[index]) {
            throw new NvmlException(3, "nvmlDeviceGetTotalEnergyConsumption: Not Supported");
        }
        return energyMj[index];
    }

    @Override
    public long powerMilliwatts(int index) {
        return powerMw[index];
    }
}
