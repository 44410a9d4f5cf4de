package org.greendl.meter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.greendl.meter.unit.CarbonIntensity;
import org.greendl.meter.unit.Power;

/**
 * One precedence for the settings users set outside code: command-line flags, then the environment
 * (GREENDL_COUNTRY, GREENDL_CLOUD, GREENDL_PUE, GREENDL_CPU_TDP, GREENDL_INTENSITY), then the config file
 * (~/.greendl/config.properties: country, cloud, pue, cpu_tdp, intensity), then the defaults. Country and cloud
 * region are one setting, the place: the first level that names either decides it (a cloud region wins over a
 * country given at the same level), so --country DEU beats GREENDL_CLOUD.
 */
public final class ConfigResolver {
    private ConfigResolver() {}

    /** The values given on the command line; null = not given. */
    public record Flags(String country, String cloud, Double pue, Double cpuTdpWatts, Double intensity) {
        public static Flags none() {
            return new Flags(null, null, null, null, null);
        }
    }

    /** ~/.greendl/config.properties. */
    public static Path defaultConfigFile() {
        return Path.of(System.getProperty("user.home"), ".greendl", "config.properties");
    }

    /** Resolves with the real environment and config file. */
    public static TrackerConfig.Builder resolve(Flags flags) {
        return resolve(flags, System.getenv(), defaultConfigFile());
    }

    /**
     * Applies flags > environment > config file > defaults to a new builder.
     *
     * @param configFile read when it exists; a malformed value is an error naming the file
     */
    public static TrackerConfig.Builder resolve(Flags flags, Map<String, String> env, Path configFile) {
        Properties file = new Properties();
        if (configFile != null && Files.isRegularFile(configFile)) {
            try (InputStream in = Files.newInputStream(configFile)) {
                file.load(in);
            } catch (IOException | IllegalArgumentException e) {
                // Properties reports a malformed unicode escape as an IllegalArgumentException naming no file.
                throw new IllegalArgumentException("cannot read config file " + configFile + ": " + e.getMessage(), e);
            }
        }
        TrackerConfig.Builder b = TrackerConfig.builder();
        // The place: first level naming a country or region.
        if (flags.country() != null || flags.cloud() != null) {
            b.optCountry(flags.country()).optCloud(flags.cloud());
        } else if (nonBlank(env.get("GREENDL_COUNTRY")) || nonBlank(env.get("GREENDL_CLOUD"))) {
            b.optCountry(blankToNull(env.get("GREENDL_COUNTRY"))).optCloud(blankToNull(env.get("GREENDL_CLOUD")));
        } else {
            b.optCountry(blankToNull(file.getProperty("country"))).optCloud(blankToNull(file.getProperty("cloud")));
        }
        Double pue = first(flags.pue(), env, "GREENDL_PUE", file, "pue", configFile);
        if (pue != null) {
            b.optPue(pue);
        }
        Double tdp = first(flags.cpuTdpWatts(), env, "GREENDL_CPU_TDP", file, "cpu_tdp", configFile);
        if (tdp != null) {
            b.optCpuTdp(Power.ofWatts(tdp));
        }
        Double intensity = first(flags.intensity(), env, "GREENDL_INTENSITY", file, "intensity", configFile);
        if (intensity != null) {
            b.optCarbonIntensity(CarbonIntensity.ofGramsPerKwh(intensity));
        }
        return b;
    }

    /**
     * Which level chose the place, for messages: "--country/--cloud", "GREENDL_COUNTRY/GREENDL_CLOUD",
     * "the config file PATH" or "no setting".
     */
    public static String placeOrigin(Flags flags, Map<String, String> env, Path configFile) {
        if (flags.country() != null || flags.cloud() != null) {
            return flags.cloud() != null ? "--cloud" : "--country";
        }
        if (nonBlank(env.get("GREENDL_CLOUD"))) {
            return "GREENDL_CLOUD";
        }
        if (nonBlank(env.get("GREENDL_COUNTRY"))) {
            return "GREENDL_COUNTRY";
        }
        if (configFile != null && Files.isRegularFile(configFile)) {
            Properties file = new Properties();
            try (InputStream in = Files.newInputStream(configFile)) {
                file.load(in);
            } catch (IOException e) {
                return "no setting";
            }
            if (nonBlank(file.getProperty("cloud")) || nonBlank(file.getProperty("country"))) {
                return "the config file " + configFile;
            }
        }
        return "no setting";
    }

    private static Double first(Double flag, Map<String, String> env, String envName, Properties file, String key,
                                Path configFile) {
        if (flag != null) {
            return flag;
        }
        String e = env.get(envName);
        if (nonBlank(e)) {
            return number(e, "environment variable " + envName);
        }
        String f = file.getProperty(key);
        if (nonBlank(f)) {
            return number(f, "'" + key + "' in " + configFile);
        }
        return null;
    }

    private static double number(String text, String where) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new BadSettingException(where + " is '" + text + "': expected a number");
        }
    }

    private static boolean nonBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return nonBlank(s) ? s.trim() : null;
    }
}
