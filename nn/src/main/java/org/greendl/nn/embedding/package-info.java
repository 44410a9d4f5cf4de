/**
 * Factorized embedding — method card.
 *
 * <p><b>What it does.</b> {@link org.greendl.nn.embedding.FactorizedEmbedding} looks tokens up in a V x E table
 * with E much smaller than the hidden size H, then lifts them with an E x H linear map: V E + E H (+ H)
 * parameters instead of V H.
 *
 * <p><b>Paper.</b> Lan et al., "ALBERT", ICLR 2020.
 *
 * <p><b>When to use.</b> Large vocabularies, where the embedding table dominates model size (BERT-base: 23 M
 * of 110 M parameters). Costs one extra matrix product per token (B L E H MACs).
 *
 * <p><b>Settings.</b> {@code setVocabularySize}, {@code setEmbeddingSize} (E, e.g. 128),
 * {@code setHiddenSize} (H).
 *
 * <p><b>Measured.</b> V = 1,000, E = 16, H = 128: 18,176 parameters instead of 128,000
 * ({@code CompactBlocksTest}). No text dataset is packaged yet, so no accuracy figure.
 */
package org.greendl.nn.embedding;
