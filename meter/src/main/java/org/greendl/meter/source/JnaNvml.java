package org.greendl.meter.source;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@link Nvml} through JNA on libnvidia-ml (installed with the NVIDIA driver). */
public final class JnaNvml implements Nvml {
    /** The C functions used; names and signatures as in nvml.h. */
    public interface NvmlLibrary extends Library {
        int nvmlInit_v2();

        int nvmlShutdown();

        int nvmlDeviceGetCount_v2(IntByReference count);

        int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

        int nvmlDeviceGetName(Pointer device, byte[] name, int length);

        int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

        int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference energyMj);

        int nvmlDeviceGetPowerUsage(Pointer device, IntByReference powerMw);

        String nvmlErrorString(int result);
    }

    private final NvmlLibrary lib;
    private final List<Pointer> handles = new ArrayList<>();
    private final LongByReference energy = new LongByReference();
    private final IntByReference power = new IntByReference();

    private JnaNvml(NvmlLibrary lib) {
        this.lib = lib;
    }

    /**
     * Loads libnvidia-ml. Throws {@link UnsatisfiedLinkError} (or another {@link LinkageError}) when the library
     * is not installed, which the GPU source reports as "no NVIDIA driver".
     */
    public static JnaNvml load() {
        boolean linux = System.getProperty("os.name", "").startsWith("Linux");
        // Without the kernel driver there is no point loading JNA (and that takes ~150 ms at start).
        if (linux && !Files.exists(Path.of("/proc/driver/nvidia")) && !Files.exists(Path.of("/dev/nvidiactl"))) {
            throw new UnsatisfiedLinkError("kernel driver not loaded (/proc/driver/nvidia and /dev/nvidiactl missing)");
        }
        String name = System.getProperty("os.name", "").startsWith("Windows") ? "nvml" : "nvidia-ml";
        return new JnaNvml(Native.load(name, NvmlLibrary.class));
    }

    private void check(int rc, String call) throws NvmlException {
        if (rc != 0) {
            String text;
            try {
                text = lib.nvmlErrorString(rc);
            } catch (RuntimeException | LinkageError e) {
                text = "error " + rc;
            }
            throw new NvmlException(rc, call + ": " + text);
        }
    }

    @Override
    public void init() throws NvmlException {
        check(lib.nvmlInit_v2(), "nvmlInit");
        IntByReference count = new IntByReference();
        check(lib.nvmlDeviceGetCount_v2(count), "nvmlDeviceGetCount");
        handles.clear();
        for (int i = 0; i < count.getValue(); i++) {
            PointerByReference ref = new PointerByReference();
            check(lib.nvmlDeviceGetHandleByIndex_v2(i, ref), "nvmlDeviceGetHandleByIndex(" + i + ")");
            handles.add(ref.getValue());
        }
    }

    @Override
    public void shutdown() {
        lib.nvmlShutdown();
    }

    @Override
    public int deviceCount() {
        return handles.size();
    }

    @Override
    public String name(int index) throws NvmlException {
        byte[] buf = new byte[96];
        check(lib.nvmlDeviceGetName(handles.get(index), buf, buf.length), "nvmlDeviceGetName");
        return cString(buf);
    }

    @Override
    public String uuid(int index) throws NvmlException {
        byte[] buf = new byte[96];
        check(lib.nvmlDeviceGetUUID(handles.get(index), buf, buf.length), "nvmlDeviceGetUUID");
        return cString(buf);
    }

    @Override
    public long totalEnergyMillijoules(int index) throws NvmlException {
        check(lib.nvmlDeviceGetTotalEnergyConsumption(handles.get(index), energy), "nvmlDeviceGetTotalEnergyConsumption");
        return energy.getValue();
    }

    @Override
    public long powerMilliwatts(int index) throws NvmlException {
        check(lib.nvmlDeviceGetPowerUsage(handles.get(index), power), "nvmlDeviceGetPowerUsage");
        return Integer.toUnsignedLong(power.getValue());
    }

    private static String cString(byte[] buf) {
        int n = 0;
        while (n < buf.length && buf[n] != 0) {
            n++;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
