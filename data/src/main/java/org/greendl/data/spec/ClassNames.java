package org.greendl.data.spec;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Class names from label values: sorted numerically when every value is a number ({@code "2" < "10"}, and
 * {@code "1"} and {@code "1.0"} are one class), else as text. A class's index is its place in that order.
 */
final class ClassNames {
    private ClassNames() {}

    /** The sorted distinct names of {@code values}. */
    static List<String> of(Collection<String> values) {
        boolean numeric = values.stream().allMatch(ClassNames::isNumber);
        if (numeric) {
            TreeSet<BigDecimal> sorted = new TreeSet<>();
            values.forEach(v -> sorted.add(new BigDecimal(v.trim()).stripTrailingZeros()));
            List<String> names = new ArrayList<>();
            sorted.forEach(n -> names.add(n.toPlainString()));
            return names;
        }
        TreeSet<String> sorted = new TreeSet<>(Comparator.naturalOrder());
        values.forEach(v -> sorted.add(v.trim()));
        return new ArrayList<>(sorted);
    }

    /** The class index of each value, given names from {@link #of}. */
    static int[] indices(List<String> values, List<String> names) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            index.put(names.get(i), i);
        }
        boolean numeric = names.stream().allMatch(ClassNames::isNumber);
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            String v = values.get(i).trim();
            String key = numeric ? new BigDecimal(v).stripTrailingZeros().toPlainString() : v;
            out[i] = index.get(key);
        }
        return out;
    }

    /** Class names of integer labels (IDX, npz), and each array's labels as class indices. */
    record Integers(List<String> names, int[][] indices) {}

    static Integers ofIntegers(long[]... labelArrays) {
        TreeSet<Long> distinct = new TreeSet<>();
        for (long[] labels : labelArrays) {
            for (long l : labels) {
                distinct.add(l);
            }
        }
        List<String> names = new ArrayList<>();
        Map<Long, Integer> index = new HashMap<>();
        for (long l : distinct) {
            index.put(l, names.size());
            names.add(Long.toString(l));
        }
        int[][] out = new int[labelArrays.length][];
        for (int a = 0; a < labelArrays.length; a++) {
            out[a] = new int[labelArrays[a].length];
            for (int i = 0; i < out[a].length; i++) {
                out[a][i] = index.get(labelArrays[a][i]);
            }
        }
        return new Integers(names, out);
    }

    static boolean isNumber(String s) {
        try {
            new BigDecimal(s.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
