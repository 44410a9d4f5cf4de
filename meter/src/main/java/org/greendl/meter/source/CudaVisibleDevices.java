package org.greendl.meter.source;

import java.util.ArrayList;
import java.util.List;

/**
 * CUDA_VISIBLE_DEVICES as the CUDA runtime reads it: a comma-separated list of device indices or UUID
 * prefixes ("GPU-8932f937", "MIG-..."); the list ends at the first entry that names no device. Unset = all
 * devices; empty = none. Indices are NVML's (PCI bus order), which is CUDA's order when
 * CUDA_DEVICE_ORDER=PCI_BUS_ID; for the default "fastest first" order on mixed-GPU machines, use UUIDs.
 */
public final class CudaVisibleDevices {
    private CudaVisibleDevices() {}

    /**
     * The NVML indices selected by {@code value} among devices with these {@code uuids} (index = position).
     *
     * @param value the variable's value, or null when unset
     */
    public static List<Integer> select(String value, List<String> uuids) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < uuids.size(); i++) {
            all.add(i);
        }
        if (value == null) {
            return all;
        }
        List<Integer> chosen = new ArrayList<>();
        for (String raw : value.split(",", -1)) {
            String entry = raw.trim();
            int found = -1;
            if (entry.matches("\\d{1,9}")) {
                int i = Integer.parseInt(entry);
                found = i < uuids.size() ? i : -1;
            } else if (entry.matches("\\d+")) {
                found = -1; // an index beyond int: no such device
            } else if (!entry.isEmpty()) {
                for (int i = 0; i < uuids.size(); i++) {
                    if (uuids.get(i).startsWith(entry) || uuids.get(i).startsWith("GPU-" + entry)) {
                        found = i;
                        break;
                    }
                }
            }
            if (found < 0) {
                break;
            }
            if (!chosen.contains(found)) {
                chosen.add(found);
            }
        }
        return chosen;
    }
}
