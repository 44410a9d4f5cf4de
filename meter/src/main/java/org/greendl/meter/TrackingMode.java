package org.greendl.meter;

/** What a tracker charges to the work it tracks. */
public enum TrackingMode {
    /** The whole machine's CPU, GPU and RAM energy (CodeCarbon's default). */
    MACHINE,
    /**
     * The tracked process tree's share: CPU (and RAPL DRAM) energy scaled by the tree's share of busy CPU time
     * from /proc, RAM estimate from the tree's resident memory. GPU energy stays the visible GPUs' total.
     */
    PROCESS;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses "machine" or "process" (any case). */
    public static TrackingMode parse(String text) {
        for (TrackingMode m : values()) {
            if (m.label().equalsIgnoreCase(text.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown tracking mode '" + text + "': expected machine or process");
    }
}
