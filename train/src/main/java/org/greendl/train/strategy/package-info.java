/**
 * Energy-efficient training strategies: reach the same accuracy with less training energy. Method cards.
 *
 * <p><b>How they plug in.</b> A {@link org.greendl.train.strategy.Strategy} may change the settings, the model
 * (before it is initialized) or training while it runs (a DJL listener); observers that only watch (the energy
 * listener, run.json's {@code time_to_accuracy}) are kept apart and never change training. Functional entry point
 * first ({@code LayerFreezing.freezeFirst}, {@code StochasticDepth.wrap}, {@code NoBatchNorm.withoutBatchNorm},
 * {@code OrthogonalInitializer}), the strategy wraps it:
 * <pre>{@code
 * List<Strategy> s = Strategies.parse("freeze,warmup-cosine");
 * TrainingConfig.Builder config = TrainingConfig.builder().setEpochs(10);
 * Block block = Strategies.apply(s, ModelZoo.build("cnn"), config, new StrategyContext(10, batchesPerEpoch, 42));
 * RunRecord r = TrainingSession.run(block, train, validation, test, config.build());
 * r.timeToAccuracy();   // energy and time until validation accuracy first reached 0.9, or null
 * }</pre>
 * CLI: {@code greendl train --model cnn --strategy freeze,warmup-cosine --target-accuracy-for-eta 0.9}.
 *
 * <p><b>freeze[:START[:LEVEL]]</b> — progressive layer freezing ({@link org.greendl.train.strategy.LayerFreezing}).
 * After {@code START} (default 0.5) of the epochs, the earliest parameterized layers are frozen
 * ({@code Block.freezeParameters(true)}), growing linearly to {@code LEVEL} (default 1.0) of them at the end;
 * autograd then stops before them, so backward work shrinks. Paper: Brock et al. 2017, "FreezeOut"; Composer's
 * layer freezing. Use when late epochs mostly refine the classifier; per-epoch granularity here.
 *
 * <p><b>warmup-cosine[:WARMUP_SHARE]</b> — linear warm-up over {@code WARMUP_SHARE} (default 0.05) of the steps,
 * then cosine decay to 0 ({@link org.greendl.train.LrSchedule}). Papers: Goyal et al. 2017; Loshchilov and
 * Hutter 2017 (SGDR). Use for larger learning rates and batches; it needs the epoch count fixed up front.
 *
 * <p><b>label-smoothing[:EPS]</b> — targets {@code 1 - EPS} on the true class plus {@code EPS / classes} everywhere
 * (default 0.1). Szegedy et al. 2016. Regularizes; final accuracy rather than speed.
 *
 * <p><b>stochastic-depth[:P]</b> — skips residual branches for whole batches with probability {@code P l / L}
 * (default P 0.2), so skipped branches cost nothing ({@link org.greendl.train.strategy.SkippableResidual}).
 * Huang et al. 2016, "Deep Networks with Stochastic Depth". Only for models with residual blocks
 * (mobilenet-mini's stride-1 inverted residuals); the wrapped model is not in BlockSpecs, so such a run writes
 * run.json but no model.json. The kept branch's 1 / (1 - p) goes through {@code Scalars.div}: with a plain
 * {@code div(number)} the engine freed the scalar before the backward pass and training diverged (NaN loss
 * within 50 steps; nn/README.md, "Engine trap").
 *
 * <p><b>init-kaiming | init-xavier | init-orthogonal</b> — the weight initialization: He et al. 2015 (DJL's
 * default, so init-kaiming is the plain loop), Glorot and Bengio 2010, Saxe et al. 2014 (gain sqrt 2).
 *
 * <p><b>no-batchnorm</b> — rebuilds the model's sequential blocks without batch norm (the ablation of Ioffe and
 * Szegedy 2015): cheaper steps, usually slower convergence. For cnn-style sequentials.
 *
 * <p><b>grad-accum[:K]</b> — sums the gradients of {@code K} micro-batches (default 4; loss / K) before one
 * optimizer step: a K times larger effective batch in the memory of one. DJL's PyTorch engine adds gradients up
 * over backward calls; the fused optimizer update zeroes them ({@code PtNDArrayEx.adamUpdate} /
 * {@code sgdUpdate} end with {@code JniUtils.zeroGrad}), so skipping the step accumulates (tested: 2 x 16
 * accumulated equals one batch of 32 to 1e-4).
 * It saves optimizer steps only, not forward/backward work.
 *
 * <p><b>grow[:AT]</b> — progressive growing by Net2DeeperNet ({@link org.greendl.train.strategy.ProgressiveGrowing},
 * {@link org.greendl.train.strategy.Net2Net}). Paper: Chen, Goodfellow and Shlens 2016, "Net2Net: Accelerating Learning
 * via Knowledge Transfer". The model starts without every conv, batch norm, ReLU triple that follows one of the same
 * width (cnn: the second conv of each stage, 4.6 instead of 19.1 million MACs per image); after {@code AT} of the
 * epochs (default 0.3; at least 1, at most all but one) those layers are inserted as identities and training continues
 * with the same optimizer (it picks the new parameters up at their first step; Adam's moments for them start at zero,
 * and as the bias correction uses the run's step count, their first updates are about 3x the learning rate per weight;
 * not tuned, a possible cause of the accuracy gap measured below). Identity: the conv gets a Dirac kernel and zero
 * bias; the batch norm gets running mean and variance = the statistics of its input on a training batch, scale {@code
 * sqrt(var + eps)} and shift {@code mean}, so it is the identity in inference and close to it in training; the ReLU
 * after it changes nothing because the triple goes right after a ReLU. Tested: on Fashion-MNIST images the grown cnn's
 * logits equal the shallow one's within 1e-4 (measured about 2e-6), the grown network is the zoo's cnn layer for layer
 * (same BlockSpecs JSON, same parameter count), and in a run the inserted conv's weights move away from the Dirac
 * kernel. run.json: {@code config.growth} says what grew after which epoch. Use when the model has such repeated layers and the early
 * epochs can be cheap; it changes the schedule, so compare at equal epochs. Cannot be combined with {@code
 * no-batchnorm}, and, like every strategy, not with {@code --resume}.
 *
 * <p><b>widen[:AT]</b> — progressive growing by Net2WiderNet ({@link org.greendl.train.strategy.Net2Wider}, same
 * paper). The model starts with half the filters in every conv (cnn: 16/16/32/32 instead of 32/32/64/64, 4.9 instead
 * of 19.1 million MACs per image, 421k instead of 871k parameters) and after {@code AT} of the epochs every conv is
 * widened back by copying filters: a new channel copies a random old one (its weights, bias, batch-norm parameters and
 * statistics), and the next layer's weights from a copied channel are divided by its number of copies, so the sum it
 * sees is unchanged (the linear head after flatten is widened per channel). Exact copies would stay copies under Adam
 * (their gradients differ by a constant factor, which Adam normalizes away), so, as in the paper, the new copies'
 * weights get noise of 1 % of their layer's weight standard deviation: the one change to the function, recorded in
 * {@code config.growth.max_abs_logit_change} (about 0.05 on cnn; without noise the test measures <= 1e-4). The
 * optimizer starts fresh moments for the widened layers; their old state is dropped at the next checkpoint. For
 * sequential nets of plain convs, per-channel layers and one linear head (cnn, lenet5); refused with a reason
 * otherwise. Only one of grow and widen per run.
 *
 * <p><b>fp16</b> — refused with a one-line reason: on CPU fp16 is not faster in the PyTorch engine and bf16
 * crashes it; the GPU path is not written (no GPU to verify it).
 *
 * <p><b>What we measured.</b> {@code benchmarks/train-strategies/run.sh}: energy to a target validation accuracy
 * and final test accuracy of every strategy against the plain loop, several seeds, interleaved; the figures and
 * the command that produced them are in {@code benchmarks/train-strategies/README.md}. Reduced run so far (lenet5,
 * 10,000 images, 4 epochs, 3 seeds, target 0.80 validation accuracy, energy = CPU-time estimate on a shared VM):
 * plain, freeze, label smoothing and warm-up+cosine reach 0.80 at epoch 2 on every seed; Xavier (2.7) and
 * orthogonal (2.3) no sooner; grad-accum:4 later (3.7) and 3 points less final accuracy; label smoothing best final
 * test accuracy (0.840 vs 0.832). Energy differences between arms were within the machine's noise (identical
 * computations measured 1.9x apart), so no energy saving is claimed from that run. cnn, 5,000 images, 3 epochs,
 * 2 seeds: no-batchnorm reached 0.80 in 1.5 vs 2.0 epochs; stochastic depth on mobilenet-mini did not help (one
 * seed hit a NaN loss at step 31, cause not found). cnn, 10,000 images, 3 epochs, 3 seeds, target 0.85, process
 * tracking ({@code benchmarks/train-strategies/results-cnn-10000-3.md}): grow reached the target with 0.65x the
 * plain loop's energy (shallow epoch about 0.53x a plain one, every seed) but ended 1.2 points lower in test
 * accuracy (0.858 vs 0.870); no-batchnorm 0.67x (one seed reached it an epoch early); warm-up+cosine 0.88x, Xavier
 * 0.90x, freeze 0.98x, label smoothing 1.02x, orthogonal 1.11x, all within the noise (identical work measured up
 * to 1.35x apart); grad-accum:4 reached it in 1 of 3 seeds and ended 2.2 points lower.
 * <b>Full scale</b> ({@code benchmarks/train-strategies/results-cnn-60000-4.md}: all 60,000 images, 4 epochs,
 * 3 seeds, target 0.90): no strategy reaches 0.90 in fewer epochs than the plain loop (epoch 2); grow 0.87x and
 * no-batchnorm 0.89x its energy to target (cheaper epochs); warm-up+cosine +1.03 and label smoothing +1.02 points
 * of final test accuracy at the same energy, freeze +0.70; grad-accum:4 -0.39 points, widen 1.24x energy;
 * stochastic depth on mobilenet-mini (2 epochs) -0.89 points at 0.98x energy.
 */
package org.greendl.train.strategy;
