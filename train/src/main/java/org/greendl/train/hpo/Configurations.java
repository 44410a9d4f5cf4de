package org.greendl.train.hpo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Enumerates and samples the configurations of a {@link SearchSpace}. */
public final class Configurations {
    private Configurations() {}

    /** Every configuration, the last parameter varying fastest. */
    public static List<Configuration> grid(SearchSpace space) {
        List<Configuration> out = new ArrayList<>();
        List<String> names = new ArrayList<>(space.params().keySet());
        expand(space, names, 0, new LinkedHashMap<>(), out);
        return out;
    }

    private static void expand(SearchSpace space, List<String> names, int i, Map<String, Object> partial,
            List<Configuration> out) {
        if (i == names.size()) {
            out.add(new Configuration(partial));
            return;
        }
        for (Object v : space.params().get(names.get(i))) {
            partial.put(names.get(i), v);
            expand(space, names, i + 1, partial, out);
        }
        partial.remove(names.get(i));
    }

    /** {@code n} distinct configurations drawn without replacement with a seeded generator. */
    public static List<Configuration> sample(SearchSpace space, int n, long seed) {
        List<Configuration> all = new ArrayList<>(grid(space));
        Collections.shuffle(all, new Random(seed));
        return all.subList(0, Math.min(n, all.size()));
    }
}
