package org.greendl.meter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigResolverTest {
    @TempDir Path dir;

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("config.properties"), text);
    }

    @Test
    void flagsBeatEnvironmentBeatFileBeatDefaults() throws IOException {
        Path f = file("country=DEU\npue=1.5\ncpu_tdp=90\n");
        ConfigResolver.Flags none = ConfigResolver.Flags.none();
        TrackerConfig fromFile = ConfigResolver.resolve(none, Map.of(), f).build();
        assertEquals("DEU", fromFile.country());
        assertEquals(1.5, fromFile.pue());
        assertEquals(90.0, fromFile.cpuTdp().watts());

        Map<String, String> env = Map.of("GREENDL_COUNTRY", "FRA", "GREENDL_PUE", "1.2");
        TrackerConfig fromEnv = ConfigResolver.resolve(none, env, f).build();
        assertEquals("FRA", fromEnv.country());
        assertEquals(1.2, fromEnv.pue());
        assertEquals(90.0, fromEnv.cpuTdp().watts(), "not in the environment: the file's");

        ConfigResolver.Flags flags = new ConfigResolver.Flags("USA", null, 1.1, 50.0, null);
        TrackerConfig fromFlags = ConfigResolver.resolve(flags, env, f).build();
        assertEquals("USA", fromFlags.country());
        assertEquals(1.1, fromFlags.pue());
        assertEquals(50.0, fromFlags.cpuTdp().watts());
        assertEquals("--country", ConfigResolver.placeOrigin(flags, env, f));
        assertEquals("GREENDL_COUNTRY", ConfigResolver.placeOrigin(none, env, f));
        assertTrue(ConfigResolver.placeOrigin(none, Map.of(), f).contains("config file"));

        TrackerConfig defaults = ConfigResolver.resolve(none, Map.of(), dir.resolve("absent")).build();
        assertNull(defaults.country());
        assertEquals(1.0, defaults.pue());
        assertNull(defaults.cpuTdp());
    }

    @Test
    void thePlaceIsOneSettingDecidedByTheFirstLevelThatNamesIt() throws IOException {
        Map<String, String> env = Map.of("GREENDL_CLOUD", "gcp:europe-west9");
        TrackerConfig c = ConfigResolver.resolve(new ConfigResolver.Flags("DEU", null, null, null, null), env, null).build();
        assertEquals("DEU", c.country());
        assertNull(c.cloud(), "a --country flag is not overridden by GREENDL_CLOUD");
        assertEquals("DEU", c.intensityChoice().countryIso());
    }

    @Test
    void aMalformedEscapeInTheConfigFileNamesTheFile() throws IOException {
        Path f = file("country=\\uZZZZ\n");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ConfigResolver.resolve(ConfigResolver.Flags.none(), Map.of(), f));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void malformedValuesNameWhereTheyCameFrom() throws IOException {
        Path f = file("pue=lots\n");
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConfigResolver.resolve(ConfigResolver.Flags.none(), Map.of(), f));
        assertTrue(e.getMessage().contains("'pue' in " + f), e.getMessage());
        // A bad argument wherever it was given: the command line exits 2 for it, as for --cpu-tdp x.
        var env = assertThrows(BadSettingException.class,
                () -> ConfigResolver.resolve(ConfigResolver.Flags.none(), Map.of("GREENDL_CPU_TDP", "x"), null));
        assertTrue(env.getMessage().contains("GREENDL_CPU_TDP"), env.getMessage());
        var country = assertThrows(IllegalArgumentException.class,
                () -> ConfigResolver.resolve(ConfigResolver.Flags.none(), Map.of("GREENDL_COUNTRY", "ZZZ"), null).build());
        assertTrue(country.getMessage().contains("unknown country 'ZZZ'"), country.getMessage());
    }
}
