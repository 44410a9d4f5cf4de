package org.greendl.meter.unit;

/** An amount of energy, stored in joules. 1 kWh = 3.6 MJ. */
public record Energy(double joules) implements Comparable<Energy> {
    private static final double JOULES_PER_KWH = 3_600_000.0;
    private static final double JOULES_PER_WH = 3_600.0;

    public static final Energy ZERO = new Energy(0.0);

    public Energy {
        if (Double.isNaN(joules)) {
            throw new IllegalArgumentException("energy must be a number, got NaN");
        }
    }

    public static Energy ofJoules(double joules) {
        return new Energy(joules);
    }

    public static Energy ofWh(double wh) {
        return new Energy(wh * JOULES_PER_WH);
    }

    public static Energy ofKwh(double kwh) {
        return new Energy(kwh * JOULES_PER_KWH);
    }

    public double kwh() {
        return joules / JOULES_PER_KWH;
    }

    public double wh() {
        return joules / JOULES_PER_WH;
    }

    public Energy plus(Energy other) {
        return new Energy(joules + other.joules);
    }

    public Energy minus(Energy other) {
        return new Energy(joules - other.joules);
    }

    public Energy times(double factor) {
        return new Energy(joules * factor);
    }

    @Override
    public int compareTo(Energy other) {
        return Double.compare(joules, other.joules);
    }
}
