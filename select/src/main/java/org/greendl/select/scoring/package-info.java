/**
 * Method card: data pruning by example scores.
 *
 * <p><b>What it does.</b> Train a scoring model briefly on all the data, score every example, keep a fraction and
 * train from scratch on it ({@link org.greendl.select.scoring.DataPruning}). Scores
 * ({@link org.greendl.select.scoring.ExampleScores}, {@link org.greendl.select.scoring.ForgettingCounter}):
 * EL2N, the L2 norm of the error vector {@code p - onehot(y)} early in training (Paul, Ganguli and Dziugaite 2021,
 * "Deep Learning on a Data Diet"); forgetting events, correct-to-wrong flips between presentations (Toneva et al.
 * 2019, "An Empirical Study of Example Forgetting during Deep Neural Network Learning"); the loss. Which part of the
 * ranking is kept is the {@code --policy} ({@link org.greendl.select.scoring.Pruning#keep}): {@code hardest} (the
 * EL2N paper's choice), {@code easiest} (Sorscher et al. 2022, "Beyond neural scaling laws": with little data,
 * keeping the easy examples is better, with much data the hard ones) or {@code stratified} (equally many from each
 * of 50 equal-width score bands, small bands whole: coverage-centric coreset selection, Zheng et al. 2023, which
 * holds up at high pruning rates where hardest-first collapses). {@code --class-balanced} applies the policy within
 * each class so no class is thinned more than the others; {@code --skip-hardest} drops the very hardest first
 * (often mislabelled). {@code --score-runs K} averages the scores of K scoring runs (the EL2N paper averages ten
 * seeds) and {@code --score-every-epoch} averages over the scoring epochs' checkpoints; both cost energy, which
 * is counted. {@code random} is the baseline.
 *
 * <p><b>When to use.</b> When the same data set is trained on many times (hyper-parameter searches, repeated
 * retraining): scoring is paid once. At small data sizes or strong pruning, keeping only the hardest examples
 * can lose to random (the EL2N paper's own finding); measure against random.
 *
 * <p><b>Settings.</b> Keep 0.5-0.7; score after 1-2 epochs; a cheaper proxy model for scoring
 * ({@code --score-model lenet5} for a cnn, "selection via proxy", Coleman et al. 2020) keeps the scoring energy
 * small, which matters because it is counted in the total.
 *
 * <p><b>What we measured.</b> Reduced runs (benchmarks/select-prune/results-reduced.md): lenet5 on 20,000
 * images, keep 50 %, 10 epochs, 2 seeds. Against full data (89.38 %): EL2N -3.53 points, forgetting -1.85,
 * random -1.97; energy with scoring 73 % / 71 % / 56 % of full (noisy on a shared VM; 63 % / 60 % / 50 % by
 * counted work). Keeping the hardest examples did not pay at this small scale. Keep policies
 * (benchmarks/select-prune/results-policies.md): lenet5 on all 60,000 images, 15 epochs, keep 50 %; full data
 * 90.39 %. Random -1.53 points (2 seeds); stratified + class-balanced + hardest 2 % dropped -1.03 (0.76, 1.30) at
 * 60 % of full training's energy with scoring; hardest half -3.13 and unstable (5.66, 0.61); easiest half -9.44
 * (1 seed); EL2N averaged over two scoring epochs -0.95 at 67 % (1 seed). Recipe: {@code --policy stratified
 * --class-balanced --skip-hardest 0.02}, and compare with random.
 */
package org.greendl.select.scoring;
