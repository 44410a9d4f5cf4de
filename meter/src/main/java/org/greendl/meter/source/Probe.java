package org.greendl.meter.source;

/**
 * The outcome of looking for one energy source: the source, or the reason there is none.
 *
 * @param component what it would measure
 * @param kind {@code rapl}, {@code nvml} or {@code estimate}
 * @param source the source when available, else null
 * @param detail when available: what it reads; when not: why not, and the fix when there is one
 */
public record Probe(Component component, String kind, EnergySource source, String detail) {
    public static Probe available(EnergySource source) {
        return new Probe(source.component(), source.kind(), source, source.description());
    }

    public static Probe unavailable(Component component, String kind, String reason) {
        return new Probe(component, kind, null, reason);
    }

    public boolean isAvailable() {
        return source != null;
    }
}
