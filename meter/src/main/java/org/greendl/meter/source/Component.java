package org.greendl.meter.source;

/** The parts of a machine whose energy greendl accounts for. */
public enum Component {
    CPU, GPU, RAM;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
