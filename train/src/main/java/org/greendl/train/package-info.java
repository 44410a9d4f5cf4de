/**
 * Method card: energy-aware training.
 *
 * <p><b>What it does.</b> {@link org.greendl.train.TrainingSession} trains a DJL block with the meter attached and
 * stops on what the user can afford: an energy budget (Wh), a CO2 budget (g), a time budget, or a target
 * accuracy, besides early stopping on a validation plateau (Prechelt, "Early stopping - but when?", 1998) and a
 * NaN/Inf guard. Warm-up and cosine or step schedules (Loshchilov and Hutter, SGDR, ICLR 2017) and label
 * smoothing (Szegedy et al., CVPR 2016) are available. Checkpoints every epoch make interrupted work
 * resumable instead of repeated, which is energy saved.
 *
 * <p><b>When to use it.</b> Always, to know what training cost; set a target accuracy or an early-stopping
 * patience when "good enough" is known: epochs after the plateau are pure energy cost.
 *
 * <p><b>Settings.</b> Adam lr 1e-3, batch 64 to 128 for Fashion-MNIST; {@code --patience 2};
 * {@code --target-accuracy 0.9}; {@code --max-energy-wh} from a previous run's record.
 *
 * <p><b>What we measured.</b> See {@code benchmarks/train-vs-pytorch} and {@code benchmarks/train-strategies}.
 */
package org.greendl.train;
