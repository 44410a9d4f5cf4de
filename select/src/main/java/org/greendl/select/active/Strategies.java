package org.greendl.select.active;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/** The built-in query strategies, by their command-line names. */
public final class Strategies {
    public static final List<String> NAMES =
            List.of("random", "least-confidence", "margin", "entropy", "bald", "k-center");

    private Strategies() {}

    /** @throws IllegalArgumentException for an unknown name, listing the known ones */
    public static QueryStrategy byName(String name) {
        return switch (Objects.requireNonNull(name, "strategy")) {
            case "random" -> new RandomQuery();
            case "least-confidence" -> scored(name, QueryStrategy.Needs.PROBABILITIES,
                    in -> Uncertainty.leastConfidence(in.probabilities()));
            case "margin" -> scored(name, QueryStrategy.Needs.PROBABILITIES, in -> Uncertainty.margin(in.probabilities()));
            case "entropy" -> scored(name, QueryStrategy.Needs.PROBABILITIES, in -> Uncertainty.entropy(in.probabilities()));
            case "bald" -> scored(name, QueryStrategy.Needs.STOCHASTIC_PASSES, in -> Uncertainty.bald(in.stochasticPasses()));
            case "k-center" -> new KCenterQuery();
            default -> throw new IllegalArgumentException("unknown strategy '" + name + "' (expected one of "
                    + String.join(", ", NAMES) + ")");
        };
    }

    private static QueryStrategy scored(String name, QueryStrategy.Needs needs, Function<QueryInputs, double[]> score) {
        return new QueryStrategy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Needs needs() {
                return needs;
            }

            @Override
            public int[] select(QueryInputs inputs, int k, Random random) {
                QueryStrategy.checkSize(k, inputs.candidates());
                double[] s = score.apply(inputs);
                if (s.length != inputs.candidates()) {
                    throw new IllegalArgumentException(name + ": " + s.length + " scores for "
                            + inputs.candidates() + " candidates");
                }
                return TopK.highest(s, k);
            }
        };
    }

    /** Uniform sampling without replacement: the baseline every other strategy must beat. */
    static final class RandomQuery implements QueryStrategy {
        @Override
        public String name() {
            return "random";
        }

        @Override
        public Needs needs() {
            return Needs.NOTHING;
        }

        @Override
        public int[] select(QueryInputs inputs, int k, Random random) {
            QueryStrategy.checkSize(k, inputs.candidates());
            int n = inputs.candidates();
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            for (int i = 0; i < k; i++) { // partial Fisher-Yates
                int j = i + random.nextInt(n - i);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
            return java.util.Arrays.copyOf(p, k);
        }
    }

    static final class KCenterQuery implements QueryStrategy {
        @Override
        public String name() {
            return "k-center";
        }

        @Override
        public Needs needs() {
            return Needs.EMBEDDINGS;
        }

        @Override
        public int[] select(QueryInputs inputs, int k, Random random) {
            QueryStrategy.checkSize(k, inputs.candidates());
            float[][] labelled = inputs.labelledEmbeddings() == null ? new float[0][] : inputs.labelledEmbeddings();
            return KCenterGreedy.select(inputs.candidateEmbeddings(), labelled, k, random);
        }
    }
}
