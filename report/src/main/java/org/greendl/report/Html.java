package org.greendl.report;

import java.util.Locale;

/** Small helpers to write HTML text safely and numbers readably. */
final class Html {
    private Html() {}

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A count with thousands separators, or a dash when absent. */
    static String count(Long v) {
        return v == null ? "–" : String.format(Locale.ROOT, "%,d", v);
    }

    /** A count in engineering units (k, M, G). */
    static String si(Long v) {
        if (v == null) {
            return "–";
        }
        double d = v;
        String[] units = {"", "k", "M", "G", "T"};
        int i = 0;
        while (Math.abs(d) >= 1000 && i < units.length - 1) {
            d /= 1000;
            i++;
        }
        return String.format(Locale.ROOT, i == 0 ? "%.0f%s" : "%.2f %s", d, units[i]);
    }

    static String bytes(Long v) {
        if (v == null) {
            return "–";
        }
        double d = v;
        String[] units = {"B", "KiB", "MiB", "GiB"};
        int i = 0;
        while (d >= 1024 && i < units.length - 1) {
            d /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, i == 0 ? "%.0f %s" : "%.1f %s", d, units[i]);
    }

    static String percent(Double fraction) {
        return fraction == null ? "–" : String.format(Locale.ROOT, "%.2f %%", fraction * 100);
    }

    static String num(Double v, String format) {
        return v == null ? "–" : String.format(Locale.ROOT, format, v);
    }
}
