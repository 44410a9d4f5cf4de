package org.greendl.meter.carbon;

import java.util.Locale;
import org.greendl.meter.unit.CarbonIntensity;

/**
 * The carbon intensity a tracker uses and where it came from.
 *
 * @param countryIso ISO alpha-3 code, or "" for the world default or an unplaced override
 * @param countryName readable place name
 * @param cloudProvider e.g. "gcp", or "" when not on a known cloud region
 * @param cloudRegion e.g. "europe-west9", or ""
 * @param source one line: the figure's origin, e.g. "France (FRA), 2023, Our World in Data / Ember"
 */
public record IntensityChoice(CarbonIntensity intensity, String countryIso, String countryName, String cloudProvider,
                              String cloudRegion, String source) {

    /**
     * Resolves a place to an intensity. Cloud region beats country; an explicit intensity beats both (the
     * place is still recorded). Unknown codes are errors with a one-line message; no place is the world mean.
     *
     * @param country ISO alpha-3 or null
     * @param cloud "provider:region" or null
     * @param override gCO2eq/kWh given by the user, or null
     */
    public static IntensityChoice resolve(CarbonTable table, String country, String cloud, CarbonIntensity override) {
        IntensityChoice place;
        if (cloud != null && !cloud.isBlank()) {
            CarbonTable.Entry e = table.cloud(cloud).orElseThrow(() -> new UnknownPlaceException(
                    "unknown cloud region '" + cloud + "': expected provider:region, one of "
                            + String.join(", ", table.clouds().keySet().stream().limit(4).toList())
                            + ", ... (greendl carbon --list)"));
            String[] pr = e.key().split(":", 2);
            String countryName = table.country(e.iso3()).map(CarbonTable.Entry::name).orElse(e.name());
            place = new IntensityChoice(new CarbonIntensity(e.gramsPerKwh()), e.iso3(), countryName, pr[0], pr[1],
                    e.key() + " (" + e.name() + "), the provider's published figure");
        } else if (country != null && !country.isBlank()) {
            CarbonTable.Entry e = table.country(country).orElseThrow(() -> new UnknownPlaceException(
                    "unknown country '" + country + "': expected an ISO 3166 alpha-3 code such as FRA, DEU, USA"
                            + " (greendl carbon --list)"));
            place = new IntensityChoice(new CarbonIntensity(e.gramsPerKwh()), e.iso3(), e.name(), "", "",
                    e.name() + " (" + e.iso3() + "), " + e.year() + ", Our World in Data / Ember");
        } else {
            CarbonTable.Entry w = table.world();
            place = new IntensityChoice(new CarbonIntensity(w.gramsPerKwh()), "", "World", "", "",
                    "world average (no country or cloud region set): generation-weighted mean of greendl's country"
                            + " table, Our World in Data / Ember");
        }
        if (override != null) {
            return new IntensityChoice(override, place.countryIso, place.countryName, place.cloudProvider,
                    place.cloudRegion, String.format(Locale.ROOT, "given by the user (%.1f gCO2eq/kWh)",
                    override.gramsPerKwh()));
        }
        return place;
    }
}
