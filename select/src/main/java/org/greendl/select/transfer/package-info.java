/**
 * Method card: transfer (pre-train, then fine-tune).
 *
 * <p><b>What it does.</b> Pre-trains the model on a source set (part of the classes, e.g. Fashion-MNIST classes
 * 0-4, or a larger related set), then fine-tunes it on the small target set; compares it with training on the
 * target set from scratch, with the pre-training's energy counted in the technique's total
 * ({@link org.greendl.select.transfer.Transfer#run}, {@code greendl transfer}). Yosinski et al. 2014 ("How
 * transferable are features in deep neural networks?") split ImageNet's classes into two halves the same way:
 * {@code --pretrain-classes 0-4} pre-trains on classes 0-4 and makes classes 5-9 the target task (trained on few
 * of their images, tested on theirs), with a freshly initialized last layer for fine-tuning ({@code --head reset}:
 * a head trained on the source classes only pulls the predictions towards them). {@code --pretrain-fraction F}
 * pre-trains on a share of the images and fine-tunes on the rest (same classes, head kept).
 *
 * <p><b>When to use.</b> When a pre-trained model already exists (its energy is then sunk, and fine-tuning is
 * cheap), or when many small target tasks share one source.
 *
 * <p><b>Settings.</b> Fine-tuning always starts a fresh optimizer; {@code --lr} is its rate and the scratch
 * run's (both sides get the same), {@code --pretrain-lr} the pre-training's. A lower fine-tuning rate can help
 * with very few target examples, but then the scratch run gets it too.
 *
 * <p><b>What we measured.</b> benchmarks/select-transfer/results-reduced.md, lenet5, one seed: pre-training on
 * classes 0-4 (30,000 images, 3 epochs), fine-tuning 10 epochs on 500 / 2,000 images of classes 5-9: +1.42 /
 * +0.04 points against scratch, within epoch-to-epoch noise, at 5.3x / 4.1x scratch's energy with the
 * pre-training. Pre-training on half of all images, fine-tuning on 500 / 2,000 of the rest: +6.57 / +3.34 points,
 * the extra labelled images at work. Across classes it did not pay for itself for this small model.
 */
package org.greendl.select.transfer;
