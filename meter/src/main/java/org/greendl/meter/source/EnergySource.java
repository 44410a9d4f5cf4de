package org.greendl.meter.source;

import java.io.IOException;
import org.greendl.meter.unit.Energy;

/**
 * Where one component's energy comes from. A source reports the whole machine's energy for its component;
 * the tracker applies the process share in process mode. Sources are called from one thread at a time.
 */
public interface EnergySource {
    /** The component measured. */
    Component component();

    /** {@code rapl}, {@code nvml} or {@code estimate}: what goes into the *_energy_source columns. */
    String kind();

    /** One line saying what is read (and, for an estimate, the model and why it is one). */
    String description();

    /** The energy used since the previous call; the first call returns the energy since the source was made. */
    Energy next(Tick tick) throws IOException;

    /** Frees native handles; the default does nothing. */
    default void close() {}

    /** True when the figure is a model, not a measurement. */
    default boolean isEstimate() {
        return "estimate".equals(kind());
    }
}
