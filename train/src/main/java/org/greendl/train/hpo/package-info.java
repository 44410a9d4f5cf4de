/**
 * Method card: hyper-parameter search that stops bad trials early.
 *
 * <p><b>What it does.</b> Grid and random search train every chosen configuration for the full epoch budget.
 * Successive halving (Jamieson &amp; Talwalkar, AISTATS 2016) trains all configurations for a few epochs, keeps
 * the best 1/eta, trains those eta times longer (continuing from their checkpoint where the runner can), and so
 * on up to the full budget. Hyperband (Li et al., JMLR 2018) runs several such brackets, from many configurations
 * on a small budget to few on the full one, hedging against early rankings that mislead.
 *
 * <p><b>When to use it.</b> Whenever a grid is larger than a handful of points: with eta = 3 and rungs of
 * 1, 3 and 9 epochs over 27 configurations, successive halving trains 27 + 9x2 + 3x6 = 63 epochs instead of
 * the grid's 243 — about a quarter of the energy.
 *
 * <p><b>Settings.</b> {@code eta} (3), the lowest rung's epochs (1), an energy budget for the whole search
 * (the search stops before a trial that would start past it, {@code stop_reason: energy-budget}).
 *
 * <p><b>Honesty.</b> Every trial's measured energy is journalled ({@code trials.jsonl}, forced to disk after
 * each trial) and summed; a killed search resumes without re-running finished trials.
 */
package org.greendl.train.hpo;
