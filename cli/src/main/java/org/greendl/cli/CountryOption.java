package org.greendl.cli;

import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --country}: the grid whose carbon intensity prices the measured energy. */
public final class CountryOption {
    @Option(names = "--country", paramLabel = "ISO3", description = "Country for the carbon intensity (e.g. FRA).")
    String country;

    /** The code as given, or null (for a resolver that weighs it against the environment and a config file). */
    public String given() {
        return country;
    }

    /** The country as an upper-case ISO code, or null for the meter's default. */
    public String value() {
        return country == null ? null : country.toUpperCase(Locale.ROOT);
    }
}
