package org.greendl.meter.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    /** The table's text; rows are "Model Name,watts" with names already clean, so folding case normalizes them. */
    private final String text;

    CpuTdpTable(String text) {
        this.text = text;
    }

    /** The table shipped in the jar. */
    public static CpuTdpTable bundled() {
        CpuTdpTable t = bundled;
        if (t == null) {
            try (InputStream in = CpuTdpTable.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                t = new CpuTdpTable(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bundled = t;
        }
        return t;
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

    /**
     * The package TDP of exactly this model, if the table has it. A linear scan of the text without building
     * a map: one lookup per tracker, and it keeps tracker start cheap.
     */
    public Optional<Double> tdpWatts(String modelName) {
        String wanted = normalize(modelName);
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        int n = wanted.length();
        for (int i = 0; i < text.length(); ) {
            int end = text.indexOf('\n', i);
            if (end < 0) {
                end = text.length();
            }
            if (end - i > n && text.charAt(i + n) == ',' && text.regionMatches(true, i, wanted, 0, n)) {
                return Optional.of(Double.parseDouble(text.substring(i + n + 1, end).trim()));
            }
            i = end + 1;
        }
        return Optional.empty();
    }

    /** Every row as (model name as written, watts), in file order. */
    public List<Map.Entry<String, Double>> rows() {
        List<Map.Entry<String, Double>> out = new ArrayList<>();
        boolean header = true;
        int i = 0;
        while (i < text.length()) {
            int end = text.indexOf('\n', i);
            if (end < 0) {
                end = text.length();
            }
            if (end > i && text.charAt(i) != '#') {
                if (header) {
                    header = false;
                } else {
                    int comma = text.lastIndexOf(',', end);
                    out.add(Map.entry(text.substring(i, comma), Double.parseDouble(text.substring(comma + 1, end).trim())));
                }
            }
            i = end + 1;
        }
        return out;
    }
}
