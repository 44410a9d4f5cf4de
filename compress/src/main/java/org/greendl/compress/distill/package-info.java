/**
 * Method card: knowledge distillation.
 *
 * <p><b>What it does.</b> A small student is trained on the softened outputs of a frozen teacher as well as on
 * the labels: L = alpha T^2 KL(softmax(t/T) || softmax(s/T)) + (1 - alpha) CE(s, y)
 * ({@link org.greendl.compress.distill.DistillationLoss}); the T^2 keeps the soft term's gradients on the scale of
 * the hard term's. Feature (hint) distillation regresses a student layer's activation onto a teacher layer's
 * through a 1x1 convolution or Linear when widths differ ({@link org.greendl.compress.distill.Hint}).
 * {@link org.greendl.compress.distill.DistillationBlock} runs both models (teacher in inference mode, no
 * gradient); in inference it is the student, so any training loop and evaluator can use it. Any zoo model can be
 * teacher or student; their output sizes must match.
 *
 * <p><b>Papers.</b> Hinton, Vinyals and Dean, Distilling the Knowledge in a Neural Network, 2015; Romero et
 * al., FitNets: Hints for Thin Deep Nets, ICLR 2015.
 *
 * <p><b>When to use.</b> When a model a few times smaller must run and a good large one exists; the teacher's
 * forward pass is paid during training (about a third of its training cost per example).
 *
 * <p><b>Settings.</b> T = 4, alpha = 0.7, same epochs and learning rate as training the student alone.
 *
 * <p><b>What we measured</b> (Fashion-MNIST, cnn teacher, lenet5 student): lenet5 student (61,706 params, 7.1% of the teacher's
 * 871,018), 2 epochs on 10,000 images from the same initial weights and data order, teacher 88.06% (first 5,000
 * test images): trained alone 82.36%, distilled (T = 4, alpha = 0.7) 82.22%, -0.14 points (one seed;
 * {@code benchmarks/compress-all}). An earlier +3.12 (78.34% to 81.46%) was measured before the loss's constants
 * went through {@code Scalars} and does not hold up.
 */
package org.greendl.compress.distill;
