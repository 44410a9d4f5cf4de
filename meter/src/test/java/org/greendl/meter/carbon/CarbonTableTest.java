package org.greendl.meter.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.greendl.testing.OutsideMaven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.greendl.meter.unit.CarbonIntensity;
import org.junit.jupiter.api.Test;

class CarbonTableTest {
    private static final Path REF = Path.of("../../shared/reference");
    private final CarbonTable table = CarbonTable.bundled();

    /** Every country of the reference, same intensity and year; the world row is their generation-weighted mean. */
    @Test
    void countriesMatchTheReferenceMix() throws IOException {
        Path mix = REF.resolve("global_energy_mix.json");
        OutsideMaven.require(Files.exists(mix), "the shared reference data",
                mix + " is missing (it comes with ../shared beside the checkout)");
        JsonNode root = new ObjectMapper().readTree(mix.toFile());
        double weighted = 0;
        double total = 0;
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); n++) {
            Map.Entry<String, JsonNode> e = it.next();
            CarbonTable.Entry row = table.country(e.getKey()).orElse(null);
            assertNotNull(row, "missing country " + e.getKey());
            assertEquals(e.getValue().get("carbon_intensity").asDouble(), row.gramsPerKwh(), 0.001, e.getKey());
            assertEquals(e.getValue().get("year").asInt(), row.year(), e.getKey());
            assertEquals(e.getValue().get("country_name").asText(), row.name(), e.getKey());
            weighted += e.getValue().get("carbon_intensity").asDouble() * e.getValue().get("total_TWh").asDouble();
            total += e.getValue().get("total_TWh").asDouble();
        }
        assertEquals(n, table.countries().size());
        assertEquals(weighted / total, table.world().gramsPerKwh(), 0.001);
    }

    @Test
    void cloudRegionsMatchTheReference() throws IOException {
        Path csv = REF.resolve("cloud_impact.csv");
        OutsideMaven.require(Files.exists(csv), "the shared reference data",
                csv + " is missing (it comes with ../shared beside the checkout)");
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).replace("\uFEFF", "").split(","));
        int provider = header.indexOf("provider");
        int region = header.indexOf("region");
        int iso = header.indexOf("countryIsoCode");
        int impact = header.indexOf("impact");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            CarbonTable.Entry row = table.cloud(f[provider] + ":" + f[region]).orElse(null);
            assertNotNull(row, line);
            assertEquals(Double.parseDouble(f[impact]), row.gramsPerKwh(), 1e-9, line);
            assertEquals(f[iso], row.iso3(), line);
        }
    }

    @Test
    void resolvesPlacesWithTheirSource() {
        IntensityChoice fra = IntensityChoice.resolve(table, "fra", null, null);
        assertEquals(56.039, fra.intensity().gramsPerKwh(), 1e-9);
        assertEquals("FRA", fra.countryIso());
        assertTrue(fra.source().contains("France (FRA), 2023"), fra.source());

        IntensityChoice paris = IntensityChoice.resolve(table, "DEU", "gcp:europe-west9", null);
        assertEquals(34.0, paris.intensity().gramsPerKwh(), 1e-9, "the region wins over the country");
        assertEquals("gcp", paris.cloudProvider());
        assertEquals("europe-west9", paris.cloudRegion());
        assertEquals("FRA", paris.countryIso());

        IntensityChoice world = IntensityChoice.resolve(table, null, null, null);
        assertEquals("", world.countryIso());
        assertTrue(world.source().startsWith("world average"), world.source());

        IntensityChoice override = IntensityChoice.resolve(table, "FRA", null, new CarbonIntensity(12.5));
        assertEquals(12.5, override.intensity().gramsPerKwh());
        assertEquals("FRA", override.countryIso());
        assertTrue(override.source().contains("given by the user"));
    }

    @Test
    void unknownPlacesAreOneLineErrors() {
        var country = assertThrows(IllegalArgumentException.class, () -> IntensityChoice.resolve(table, "XYZ", null, null));
        assertTrue(country.getMessage().contains("unknown country 'XYZ'"), country.getMessage());
        assertEquals(1, country.getMessage().lines().count());
        var cloud = assertThrows(IllegalArgumentException.class,
                () -> IntensityChoice.resolve(table, null, "aws:mars-1", null));
        assertTrue(cloud.getMessage().contains("unknown cloud region 'aws:mars-1'"), cloud.getMessage());
    }
}
