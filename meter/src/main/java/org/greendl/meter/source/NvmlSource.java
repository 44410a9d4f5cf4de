package org.greendl.meter.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.greendl.meter.unit.Energy;

/**
 * NVIDIA GPU energy through NVML: the total-energy counter (nvmlDeviceGetTotalEnergyConsumption, Volta and
 * newer) where the GPU has it, else the board power sampled at each tick and integrated with the trapezoid
 * rule. Only the GPUs that CUDA_VISIBLE_DEVICES selects are counted. GPU energy is the whole visible GPUs'
 * in both tracking modes.
 */
public final class NvmlSource implements EnergySource {
    private final Nvml nvml;
    private final int[] devices;
    private final boolean[] counter;
    private final long[] lastMj;
    private final long[] lastMw;
    private final String description;
    private final List<String> names;

    private NvmlSource(Nvml nvml, int[] devices, boolean[] counter, long[] lastMj, long[] lastMw, List<String> names) {
        this.nvml = nvml;
        this.devices = devices;
        this.counter = counter;
        this.lastMj = lastMj;
        this.lastMw = lastMw;
        this.names = names;
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < devices.length; k++) {
            parts.add("GPU " + devices[k] + " " + names.get(k) + (counter[k] ? " (energy counter)" : " (power sampling)"));
        }
        this.description = "nvml: " + String.join(", ", parts);
    }

    /**
     * Opens NVML and the visible GPUs, or says why not.
     *
     * @param loader makes the binding; may throw LinkageError when libnvidia-ml is missing
     * @param cudaVisibleDevices the variable's value, or null when unset
     */
    public static Probe probe(Supplier<Nvml> loader, String cudaVisibleDevices) {
        Nvml nvml;
        try {
            nvml = loader.get();
        } catch (LinkageError | RuntimeException e) {
            return Probe.unavailable(Component.GPU, "nvml", "no NVIDIA driver: " + firstLine(e.getMessage()));
        }
        try {
            nvml.init();
            int count = nvml.deviceCount();
            if (count == 0) {
                nvml.shutdown();
                return Probe.unavailable(Component.GPU, "nvml", "NVML found no GPU");
            }
            List<String> uuids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                uuids.add(nvml.uuid(i));
            }
            List<Integer> chosen = CudaVisibleDevices.select(cudaVisibleDevices, uuids);
            if (chosen.isEmpty()) {
                nvml.shutdown();
                return Probe.unavailable(Component.GPU, "nvml", "CUDA_VISIBLE_DEVICES=\"" + cudaVisibleDevices
                        + "\" hides all " + count + " GPU(s)");
            }
            int n = chosen.size();
            int[] devices = new int[n];
            boolean[] counter = new boolean[n];
            long[] lastMj = new long[n];
            long[] lastMw = new long[n];
            List<String> names = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                int d = chosen.get(k);
                devices[k] = d;
                names.add(nvml.name(d));
                try {
                    lastMj[k] = nvml.totalEnergyMillijoules(d);
                    counter[k] = true;
                } catch (Nvml.NvmlException notSupported) {
                    lastMw[k] = nvml.powerMilliwatts(d);
                }
            }
            return Probe.available(new NvmlSource(nvml, devices, counter, lastMj, lastMw, names));
        } catch (Nvml.NvmlException e) {
            try {
                nvml.shutdown();
            } catch (RuntimeException ignored) {
                // already failing; the reason below is what matters
            }
            return Probe.unavailable(Component.GPU, "nvml", "NVML failed: " + e.getMessage());
        }
    }

    private static String firstLine(String s) {
        return s == null ? "unknown reason" : s.lines().findFirst().orElse(s);
    }

    public List<String> deviceNames() {
        return names;
    }

    @Override
    public Component component() {
        return Component.GPU;
    }

    @Override
    public String kind() {
        return "nvml";
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public Energy next(Tick tick) throws IOException {
        double joules = 0;
        double seconds = tick.elapsed().toNanos() / 1e9;
        try {
            for (int k = 0; k < devices.length; k++) {
                if (counter[k]) {
                    long now = nvml.totalEnergyMillijoules(devices[k]);
                    joules += Math.max(0, now - lastMj[k]) / 1000.0;
                    lastMj[k] = now;
                } else {
                    long now = nvml.powerMilliwatts(devices[k]);
                    joules += (lastMw[k] + now) / 2.0 / 1000.0 * seconds;
                    lastMw[k] = now;
                }
            }
        } catch (Nvml.NvmlException e) {
            throw new IOException(e.getMessage(), e);
        }
        return Energy.ofJoules(joules);
    }

    @Override
    public void close() {
        nvml.shutdown();
    }
}
