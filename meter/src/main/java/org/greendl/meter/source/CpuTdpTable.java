package org.greendl.meter.source;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The project's table of CPU package TDPs ({@code cpu_tdp.csv}, figures from Intel ARK and AMD spec pages).
 * Matching is conservative: the /proc/cpuinfo model name and the table's names are normalized (trademarks,
 * "CPU @ 2.10GHz", "64-Core Processor", "13th Gen" dropped, case and spaces folded) and must then be EQUAL.
 * No prefix or fuzzy match, so "Xeon Gold 6248" never picks "Xeon Gold 6248R" or the other way round.
 */
public final class CpuTdpTable {
    private static final String RESOURCE = "/org/greendl/meter/source/cpu_tdp.csv";
    private static final Pattern TRADEMARKS = Pattern.compile("\\((r|tm|c)\\)|®|™");
    private static final Pattern FREQUENCY = Pattern.compile("@.*$");
    private static final Pattern CORE_COUNT = Pattern.compile("\\b\\d+-core\\b");
    private static final Pattern GENERATION = Pattern.compile("^\\d+(st|nd|rd|th) gen\\b");
    private static final Pattern NOISE = Pattern.compile("\\b(cpu|processor|with radeon graphics|radeon graphics)\\b");

    private static volatile CpuTdpTable bundled;

    private final Map<String, Double> wattsByNormalizedName;

    CpuTdpTable(Map<String, Double> wattsByNormalizedName) {
        this.wattsByNormalizedName = Collections.unmodifiableMap(wattsByNormalizedName);
    }

    /** The table shipped in the jar. */
    public static CpuTdpTable bundled() {
        CpuTdpTable t = bundled;
        if (t == null) {
            try (InputStream in = CpuTdpTable.class.getResourceAsStream(RESOURCE)) {
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

    static CpuTdpTable parse(InputStream in) throws IOException {
        Map<String, Double> map = new HashMap<>();
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
            int comma = line.lastIndexOf(',');
            // Table names are already clean ("Intel Xeon Gold 6248R"): folding case is their normalization (a test
            // checks normalize() agrees on every row), which keeps loading the table cheap.
            map.put(line.substring(0, comma).toLowerCase(Locale.ROOT), Double.parseDouble(line.substring(comma + 1)));
        }
        return new CpuTdpTable(map);
    }

    /** Model names in a comparable form, e.g. "Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz" -> "intel xeon gold 6248r". */
    public static String normalize(String modelName) {
        String s = modelName.toLowerCase(Locale.ROOT);
        s = TRADEMARKS.matcher(s).replaceAll(" ");
        s = FREQUENCY.matcher(s).replaceAll(" ");
        s = s.replaceAll("\\s+", " ").trim();
        s = GENERATION.matcher(s).replaceAll(" ");
        s = CORE_COUNT.matcher(s).replaceAll(" ");
        s = NOISE.matcher(s).replaceAll(" ");
        return s.replaceAll("\\s+", " ").trim();
    }

    /** The package TDP of exactly this model, if the table has it. */
    public Optional<Double> tdpWatts(String modelName) {
        return Optional.ofNullable(wattsByNormalizedName.get(normalize(modelName)));
    }

    public int size() {
        return wattsByNormalizedName.size();
    }
}
