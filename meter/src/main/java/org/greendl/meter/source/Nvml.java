package org.greendl.meter.source;

/**
 * The few NVML calls the GPU source needs, by device index. {@link JnaNvml} binds the real library through
 * JNA; tests implement it with a fake. Methods throw {@link NvmlException} carrying NVML's own error text.
 */
public interface Nvml {
    /** Opens NVML (nvmlInit_v2). */
    void init() throws NvmlException;

    void shutdown();

    int deviceCount() throws NvmlException;

    String name(int index) throws NvmlException;

    /** "GPU-..." identifier, the form CUDA_VISIBLE_DEVICES may use. */
    String uuid(int index) throws NvmlException;

    /** Energy since the driver was loaded, in millijoules (Volta and newer); throws when not supported. */
    long totalEnergyMillijoules(int index) throws NvmlException;

    /** Current board power draw in milliwatts. */
    long powerMilliwatts(int index) throws NvmlException;

    /** An NVML call that returned an error code. */
    final class NvmlException extends Exception {
        private final int code;

        public NvmlException(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
