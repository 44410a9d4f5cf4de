package org.greendl.meter.carbon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * greendl's own grid carbon-intensity table ({@code intensity.csv}): every country of Our World in Data /
 * Ember's electricity data by ISO 3166 alpha-3 code, cloud regions as {@code provider:region}, and a world
 * default. Read from the jar; no network.
 */
public final class CarbonTable {
    private static final String RESOURCE = "/org/greendl/meter/carbon/intensity.csv";
    private static volatile CarbonTable bundled;

    /** One row of the table. {@code year} is 0 when the source gives none. */
    public record Entry(String kind, String key, String iso3, String name, double gramsPerKwh, int year, String source) {}

    private final Map<String, Entry> countries;
    private final Map<String, Entry> clouds;
    private final Entry world;

    private CarbonTable(Map<String, Entry> countries, Map<String, Entry> clouds, Entry world) {
        this.countries = Collections.unmodifiableMap(countries);
        this.clouds = Collections.unmodifiableMap(clouds);
        this.world = world;
    }

    public static CarbonTable bundled() {
        CarbonTable t = bundled;
        if (t == null) {
            try (InputStream in = CarbonTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                t = parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = t;
        }
        return t;
    }

    static CarbonTable parse(InputStream in) throws IOException {
        Map<String, Entry> countries = new LinkedHashMap<>();
        Map<String, Entry> clouds = new LinkedHashMap<>();
        Entry world = null;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        boolean header = true;
        for (String line; (line = r.readLine()) != null; ) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = line.split(",", -1);
            Entry e = new Entry(f[0], f[1], f[2], f[3], Double.parseDouble(f[4]),
                    f[5].isEmpty() ? 0 : Integer.parseInt(f[5]), f[6]);
            switch (e.kind()) {
                case "country" -> countries.put(e.key(), e);
                case "cloud" -> clouds.put(e.key(), e);
                case "world" -> world = e;
                default -> throw new IOException("unknown row kind '" + e.kind() + "' in " + RESOURCE);
            }
        }
        if (world == null) {
            throw new IOException("no world row in " + RESOURCE);
        }
        return new CarbonTable(countries, clouds, world);
    }

    public Optional<Entry> country(String iso3) {
        return Optional.ofNullable(countries.get(iso3.trim().toUpperCase(Locale.ROOT)));
    }

    public Optional<Entry> cloud(String providerRegion) {
        return Optional.ofNullable(clouds.get(providerRegion.trim().toLowerCase(Locale.ROOT)));
    }

    public Entry world() {
        return world;
    }

    public Map<String, Entry> countries() {
        return countries;
    }

    public Map<String, Entry> clouds() {
        return clouds;
    }
}
