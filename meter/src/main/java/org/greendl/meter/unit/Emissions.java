package org.greendl.meter.unit;

/** Emissions in kilograms of CO2-equivalent (CodeCarbon's unit). */
public record Emissions(double kg) {
    public static final Emissions ZERO = new Emissions(0.0);

    public Emissions {
        if (Double.isNaN(kg)) {
            throw new IllegalArgumentException("emissions must be a number, got NaN");
        }
    }

    public static Emissions ofKg(double kg) {
        return new Emissions(kg);
    }

    public static Emissions ofGrams(double grams) {
        return new Emissions(grams / 1000.0);
    }

    public double grams() {
        return kg * 1000.0;
    }

    public Emissions plus(Emissions other) {
        return new Emissions(kg + other.kg);
    }
}
