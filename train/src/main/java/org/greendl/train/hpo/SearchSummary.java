package org.greendl.train.hpo;

import java.util.List;

/**
 * The outcome of a search so far: every trial run (in order), the best by validation accuracy, the energy
 * the whole search spent, and why it stopped ({@code completed} or {@code energy-budget}).
 */
public record SearchSummary(String method, SearchSpace space, List<TrialResult> trials, TrialResult best,
        double totalEnergyKwh, String stopReason) {}
