/**
 * Method card: curriculum learning.
 *
 * <p><b>What it does.</b> Orders the training examples easy to hard by a difficulty score (EL2N or loss of a
 * scoring model, see {@link org.greendl.select.scoring}) and lets epoch {@code e} train on the easiest
 * {@code pace(e)} share, growing linearly from {@code start} to all data (Bengio et al. 2009, "Curriculum
 * Learning"; pacing functions from Hacohen and Weinshall 2019, "On the Power of Curriculum Learning in Training
 * Deep Networks"). The early epochs see fewer examples, so they cost less.
 *
 * <p><b>When to use.</b> Noisy or very varied data; a scoring model already exists (e.g. from data pruning).
 * Wu, Dyer and Neyshabur (2021, "When Do Curricula Work?") find little gain on standard benchmarks with a full
 * training budget, more under a limited budget or noisy labels.
 *
 * <p><b>Settings.</b> {@code start} 0.2-0.5, ramp over the first half of training.
 *
 * <p><b>What we measured.</b> Only unit tests so far: no benchmark run yet.
 */
package org.greendl.select.curriculum;
