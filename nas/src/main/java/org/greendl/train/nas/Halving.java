package org.greendl.train.nas;

import java.util.List;

/**
 * Successive halving over epochs inside the search ({@code --halving ETA --min-epochs M}), asynchronous as in ASHA
 * (Li et al., 2020): every new candidate first trains {@code minEpochs}; it goes on to the search's full epochs
 * only when its first-rung point (validation accuracy, energy per inference) is among the best {@code 1/eta} of
 * all first-rung points so far, best meaning lowest Pareto rank, then highest accuracy. The rest keep their
 * first-rung accuracy, so a candidate cut early costs about {@code minEpochs / epochs} of a full one.
 *
 * @param eta the reduction factor (at least 2)
 * @param minEpochs the first rung's epochs (at least 1, below the search's epochs)
 */
public record Halving(int eta, int minEpochs) {
    public Halving {
        if (eta < 2) {
            throw new IllegalArgumentException("--halving: the reduction factor must be at least 2, got " + eta);
        }
        if (minEpochs < 1) {
            throw new IllegalArgumentException("--min-epochs must be at least 1, got " + minEpochs);
        }
    }

    /** Whether the last of {@code firstRung} (all first-rung points so far, in order) goes on to the full epochs. */
    boolean promotes(List<Pareto.Point> firstRung) {
        int n = firstRung.size();
        int[] rank = Pareto.ranks(firstRung);
        Pareto.Point last = firstRung.get(n - 1);
        int ahead = 0; // earlier points with a lower rank, or the same rank and at least its accuracy
        for (int i = 0; i < n - 1; i++) {
            boolean sameRank = rank[i] == rank[n - 1];
            ahead += rank[i] < rank[n - 1] || (sameRank && firstRung.get(i).accuracy() >= last.accuracy()) ? 1 : 0;
        }
        return ahead < (n + eta - 1) / eta;
    }
}
