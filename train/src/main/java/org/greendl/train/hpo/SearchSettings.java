package org.greendl.train.hpo;

import org.greendl.meter.unit.Energy;

/**
 * How a search runs.
 *
 * @param eta the halving rate of successive halving and Hyperband (3 keeps the best third)
 * @param minEpochs the budget of the lowest rung
 * @param randomSamples how many configurations random search draws (0: a third of the grid)
 * @param maxEnergy the whole search's energy budget, or null for none
 */
public record SearchSettings(SearchMethod method, long seed, int eta, int minEpochs, int randomSamples,
        Energy maxEnergy) {
    public SearchSettings {
        if (eta < 2) {
            throw new IllegalArgumentException("eta must be at least 2, got " + eta);
        }
        if (minEpochs < 1) {
            throw new IllegalArgumentException("the lowest rung needs at least 1 epoch, got " + minEpochs);
        }
        if (randomSamples < 0) {
            throw new IllegalArgumentException("random search samples must be >= 0 (0: a third of the grid), got "
                    + randomSamples);
        }
        if (maxEnergy != null && !(maxEnergy.joules() > 0)) {
            throw new IllegalArgumentException("the energy budget must be positive, got " + maxEnergy.wh() + " Wh");
        }
    }

    public static SearchSettings of(SearchMethod method, long seed) {
        return new SearchSettings(method, seed, 3, 1, 0, null);
    }

    public SearchSettings withMaxEnergy(Energy e) {
        return new SearchSettings(method, seed, eta, minEpochs, randomSamples, e);
    }
}
