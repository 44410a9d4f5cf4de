/**
 * Method card: data augmentation, a cheap way to get more out of the same images (efficient data usage).
 *
 * <p><b>What it does.</b> Each augmentation is a function of an example (pixels in [0, 1], class probabilities)
 * and a context (a random source seeded by seed, epoch and example; another example for mixing); compose them
 * with {@code andThen}. Random crop with zero padding and horizontal flip (the classic CIFAR recipe), cutout
 * (DeVries and Taylor, 2017: zero a random square), mixup (Zhang et al., ICLR 2018: blend two examples and their
 * targets with a Beta(alpha, alpha) weight) and CutMix (Yun et al., ICCV 2019: paste a box of another example,
 * targets mixed by area).
 *
 * <p><b>When to use it.</b> When a model overfits (training accuracy far above validation accuracy), or when
 * fewer labelled images must go further. Augmentation costs CPU time per example, not per parameter, so on
 * small models it shows in energy per epoch; it usually needs more epochs to pay off.
 *
 * <p><b>Settings.</b> {@code --augment crop:2,flip} for Fashion-MNIST (flips are plausible for clothes);
 * {@code cutout:8}; {@code mixup:0.2}; {@code cutmix:1.0}. Mixing augmentations switch labels to class
 * probabilities (the training loss and accuracy accept both).
 *
 * <p><b>What we measured.</b> Correctness only so far (unit tests for each function and the composition); the
 * accuracy/energy trade-off on Fashion-MNIST is not yet benchmarked.
 */
package org.greendl.data.augment;
