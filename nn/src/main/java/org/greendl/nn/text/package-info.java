/**
 * Transformer encoders on text — method card.
 *
 * <p><b>What it does.</b> {@link org.greendl.nn.text.TokenEmbedding} turns (B, L) token ids into hidden states and
 * a padding mask (ids != 0, or a given attention mask), with a plain or factorized (ALBERT) table, an optional class
 * token and learned positions; greendl-nn's {@code TransformerEncoder} layers take the mask as a second input (no
 * query attends to padding: softmax scores -1e9, linear attention phi(k) = 0); {@link
 * org.greendl.nn.text.SequenceHead} pools the unmasked tokens (mean) or the class token and scores the classes. The
 * zoo's {@code text-transformer} composes them with the options {@code attention=softmax|linear},
 * {@code sharing=none|albert} (one layer applied N times), {@code factorized=E}, {@code pool=mean|cls},
 * {@code exits=none|layer} (a head after every layer, BranchyNet-style early exit with {@code threshold}),
 * {@code layers}, {@code width}, {@code heads}, {@code mlp}.
 *
 * <p><b>Papers.</b> Devlin et al., "BERT", NAACL 2019 (encoder, class token); Lan et al., "ALBERT", ICLR 2020
 * (cross-layer sharing, factorized embedding); Katharopoulos et al. 2020 (linear attention); Xin et al., "DeeBERT",
 * ACL 2020 and Liu et al., "FastBERT", ACL 2020 (an exit after every layer).
 *
 * <p><b>When to use.</b> Text classification with a vocabulary from a tokenizer (padding 0, unknown 1). Linear
 * attention pays off for long sequences (L well above the head size); sharing cuts parameters, not MACs;
 * factorization cuts the embedding table when the vocabulary is large; exits cut the average layers run on easy
 * texts.
 *
 * <p><b>Settings.</b> Defaults: width 64, 4 heads, 2 layers, MLP 2 x width, softmax attention, mean pooling.
 * Exits cannot be combined with ALBERT sharing (refused with a one-line reason).
 *
 * <p><b>Measured.</b> {@code TextTransformerTrainingTest} (greendl-train): a tiny one learns synthetic token data
 * above chance in greendl's training loop; {@code TextTransformerProfileTest}: MACs equal a hand count at several
 * lengths. No real text dataset had been measured when this was written.
 */
package org.greendl.nn.text;
