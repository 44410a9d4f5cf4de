/**
 * Method card: low-rank factorization.
 *
 * <p><b>What it does.</b> A truncated SVD W = U S V^T replaces Linear(n -> m) by Linear(n -> r, no bias) with
 * weight sqrt(S_r) V_r^T followed by Linear(r -> m) with U_r sqrt(S_r) and the bias, and a k x k convolution with
 * F filters by a k x k convolution with r filters and a 1 x 1 convolution with F
 * ({@link org.greendl.compress.lowrank.LowRankFactorization}). The rank comes from a retained-energy ratio, a
 * rank ratio or a parameter budget ({@link org.greendl.compress.lowrank.RankPolicy}); a layer that would not
 * shrink is left alone, and so is the network's output layer by default. Then fine-tune. DJL's NDArray has no
 * SVD on this engine: {@link org.greendl.compress.lowrank.Svd} is a small Java one (Gram matrix + cyclic
 * Jacobi, double precision).
 *
 * <p><b>Papers.</b> Denton et al., Exploiting Linear Structure Within Convolutional Networks for Efficient
 * Evaluation, NeurIPS 2014; Jaderberg et al., Speeding up Convolutional Neural Networks with Low Rank
 * Expansions, BMVC 2014.
 *
 * <p><b>When to use.</b> Large fully connected layers (the cnn's 3136 x 256 holds 92% of its parameters).
 *
 * <p><b>Settings.</b> Parameter fraction 0.4 (rank 94 of 256 for the cnn's hidden Linear), one fine-tuning
 * epoch at lr 2e-4.
 *
 * <p><b>What we measured:</b> the cnn's hidden Linear (3136 x 256) at rank 94 (parameter fraction 0.4; 53% of
 * the squared singular values kept): Linear parameters 805,642 -> 321,674 (2.50x fewer), model 871 k -> 387 k
 * params. Test accuracy 87.70% right after factorizing, 88.48% after one fine-tuning epoch on 10,000 images,
 * vs the baseline's 87.88% (2 epochs on 20,000 images; first 5,000 test images).
 */
package org.greendl.compress.lowrank;
