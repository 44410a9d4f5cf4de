/**
 * Method card: curriculum learning.
 *
 * <p><b>What it does.</b> Orders the training examples easy to hard by a difficulty score (EL2N or loss of a
 * scoring model, see {@link org.greendl.select.scoring}) and lets epoch {@code e} train on the easiest
 * {@code pace(e)} share, growing from {@code start} to all data by epoch {@code ramp}: {@code linear} every epoch,
 * or {@code step}, doubling the share in equal steps (Bengio et al. 2009, "Curriculum Learning"; pacing functions
 * from Hacohen and Weinshall 2019, "On the Power of Curriculum Learning in Training Deep Networks", whose "fixed
 * exponential pacing" the step pacing is). The early epochs see fewer examples, so they cost less; the scoring
 * costs extra and is counted ({@link org.greendl.select.curriculum.CurriculumTraining#run}, {@code greendl
 * curriculum}, which trains from scratch in the same run for the comparison).
 *
 * <p><b>When to use.</b> Noisy or very varied data; a scoring model already exists (e.g. from data pruning).
 * Wu, Dyer and Neyshabur (2021, "When Do Curricula Work?") find little gain on standard benchmarks with a full
 * training budget, more under a limited budget or noisy labels.
 *
 * <p><b>Settings.</b> {@code --start} 0.2-0.5, {@code --ramp-epochs} about half of {@code --epochs} (the
 * default); {@code --score el2n} after one scoring epoch; a cheap {@code --score-model} keeps the scoring small.
 *
 * <p><b>What we measured.</b> benchmarks/select-curriculum/results-reduced.md: lenet5, 20,000 images, 10
 * epochs, start 25 %, ramp 5 epochs, one seed: linear / step pacing ended 2.02 / 1.64 points below shuffled
 * training from scratch (88.44 %), at 1.06 / 0.97 of its energy with the EL2N scoring (0.85 / 0.80 without). No
 * gain on this clean benchmark, as Wu et al. predict; try it for noisy labels or a cut training budget.
 */
package org.greendl.select.curriculum;
