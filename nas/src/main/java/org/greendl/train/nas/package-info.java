/**
 * Compact-architecture search with measured cost in the objective ({@code greendl nas}).
 *
 * <h2>Method card</h2>
 * <ul>
 *   <li><b>Space.</b> A MobileNet-style family ({@link org.greendl.train.nas.NasSpace}): stem convolution, stages
 *       of inverted-residual blocks with per-stage depth, width, depthwise kernel, expansion and
 *       squeeze-excitation, a 1x1 head, global pooling and a linear classifier. Every candidate is written as an
 *       ordinary model spec ({@code docs/model-spec.md}), so {@code greendl train --model} accepts it. A ViT
 *       family (patch, depth, width, heads, feed-forward ratio, softmax or linear attention) in the zoo's vit-tiny
 *       layout, for random and evolution.</li>
 *   <li><b>Methods.</b> Random sampling without repeats; regularized (aging) evolution (Real et al., 2019):
 *       random until the population P is filled, then a tournament of S drawn from the last P candidates picks
 *       the parent (lowest Pareto rank among the drawn, ties to higher accuracy) and one choice is mutated.
 *       Either with successive halving over epochs ({@code --halving}, asynchronous as in ASHA, Li et al., 2020):
 *       a candidate trains a short first rung and the full epochs only among the best 1/eta so far.</li>
 *   <li><b>Cost.</b> Params and MACs from the profiler; ONNX Runtime latency at batch 1 and 64 (median of timed
 *       runs after warm-up, fixed intra-op threads); energy per inference from the meter's reading of the timing
 *       runs (an estimate unless the meter read RAPL, and even then this process's share). A per-block latency
 *       table (stem, each inverted-residual configuration at its input shape, head), measured once and cached in
 *       the search folder, predicts end-to-end latency as the sum of its units; its error against the measured
 *       figure is recorded for every candidate (it ignores inter-op effects and per-run overhead). Under a
 *       latency limit ({@code --max-latency-ms}, ProxylessNAS's hardware constraint) a proposal the table predicts
 *       above it is refused before it trains. The head reduces the last map by global average pooling or by
 *       flattening ({@code head_pool}): flattening keeps where a feature is, which small images need.</li>
 *   <li><b>Score.</b> Brief training ({@code --epochs}, {@code --train-limit}), validation accuracy. Objective
 *       accuracy (up) and energy per inference at batch 1 (down): Pareto fronts by non-dominated sorting, the
 *       search scored by the 2-D hypervolume against a stated reference point.</li>
 *   <li><b>Supernet</b> ({@link org.greendl.train.nas.SupernetSearch}, Once-for-All, Cai et al., 2020): one
 *       weight-sharing network at the space's largest choices, trained once with progressive shrinking (the
 *       largest network, then elastic kernel as a centre crop, depth as the first blocks of a stage, width and
 *       expansion as the first channels), each batch training a sub-network drawn from what the phase lets vary;
 *       sub-networks judged with the shared weights after batch norm is recalibrated, no retraining; the front's
 *       extracted as ordinary model folders and fine-tuned briefly. Measured on the digits (benchmarks/nas): with
 *       18 supernet epochs, fine-tuned front networks within 1 point of scratch training on 2 of 3.</li>
 *   <li><b>Budget and resume.</b> {@code --max-energy-wh} counts training and measuring; a budget smaller than the
 *       space's cheapest architecture (measured, its training estimated from its forward energy, an estimate that
 *       errs low) is refused before anything trains. The record and a journal are written after every candidate,
 *       and a rerun with the same folder trains none of the finished candidates again.</li>
 *   <li><b>Where candidates train.</b> A {@link org.greendl.train.nas.CandidateTrainer}: here, one after another
 *       ({@link org.greendl.train.nas.LocalCandidateTrainer}), or as Spark tasks (greendl-spark's
 *       {@code SparkCandidateTrainer}, {@code --engine spark}), as many at once as it has slots. Random search then
 *       proposes that many per batch (the same candidates as one by one); evolution that many children per round,
 *       each from a tournament over the population as it stood when the round began (a batched aging evolution:
 *       the children of one round do not see each other's results). Cost is measured in this JVM for every
 *       candidate, so that all are timed on one machine; each record names the host it trained on, and the
 *       record's {@code energy.per_host} counts each host's machine once.</li>
 *   <li><b>Break-even.</b> A baseline zoo model (default {@code cnn}) measured in the same runtime; for each front
 *       network, the inferences after which its energy saving per inference repays the search's energy.</li>
 *   <li><b>When to use it.</b> When the deployment target's cost matters more than the last point of accuracy and
 *       the data is small enough to train a few dozen candidates briefly; the supernet when many deployment sizes
 *       are wanted from one training.</li>
 *   <li><b>Measured</b> (benchmarks/nas, ONNX Runtime at batch 1 and 1 thread). The latency table's median
 *       absolute error over 30 random networks, on Fashion-MNIST: MobileNet-style 7.0 % and ViT 5.9 % with each
 *       unit's net latency timed beside an identity graph of its input (31 % and 62 % for MobileNet-style when one
 *       overhead figure at the network's input was subtracted per unit; digits, 8x8, 26 % that way). On the digits at 20 candidates, evolution's hypervolume at least random's on 3 of 3
 *       seeds (ties within noise); each chosen network repays its ~0.05 Wh search against cnn after 1 to 5
 *       million inferences.</li>
 *   <li><b>Not here.</b> Predictors of accuracy, channel sorting and the sandwich rule in the supernet, a
 *       supernet for the ViT family.</li>
 * </ul>
 */
package org.greendl.train.nas;
