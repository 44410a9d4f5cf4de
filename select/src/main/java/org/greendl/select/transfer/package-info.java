/**
 * Method card: transfer (pre-train, then fine-tune).
 *
 * <p><b>What it does.</b> Pre-trains the model on a source set (part of the classes, e.g. Fashion-MNIST classes
 * 0-4, or a larger related set), then fine-tunes it on the small target set; compares it with training on the
 * target set from scratch, with the pre-training's energy counted in the technique's total
 * ({@link org.greendl.select.transfer.Transfer#compare}). Yosinski et al. 2014 ("How transferable are features in
 * deep neural networks?") split ImageNet's classes into two halves the same way.
 *
 * <p><b>When to use.</b> When a pre-trained model already exists (its energy is then sunk, and fine-tuning is
 * cheap), or when many small target tasks share one source.
 *
 * <p><b>Settings.</b> Fine-tune at a lower learning rate than pre-training (e.g. 1e-4 after 1e-3).
 *
 * <p><b>What we measured.</b> Only unit tests so far: no benchmark run yet.
 */
package org.greendl.select.transfer;
