/**
 * Method card: bag of embeddings, the cheap text baseline (fastText: Joulin, Grave, Bojanowski and Mikolov,
 * "Bag of Tricks for Efficient Text Classification", EACL 2017).
 *
 * <p><b>What it does.</b> {@link org.greendl.nn.bag.BagOfEmbeddings} looks each token id up in a {@code V x D}
 * table and averages the vectors of the non-padding tokens; the zoo's {@code bag-of-embeddings} puts a linear
 * head on the mean. The work per text is {@code L x D} additions plus {@code D x C} multiply-accumulates, against
 * {@code N x L^2 x D} for one attention layer's products alone, and the parameters are almost all the table.
 *
 * <p><b>When to use it.</b> First, on any text classification: it trains in seconds and sets the accuracy a
 * transformer has to beat to be worth its energy. Word order is lost; topic-like labels (a package's section)
 * need little of it.
 *
 * <p><b>Settings.</b> {@code dim} (the zoo's option, default 64); the vocabulary and {@code L} come from the
 * data's tokenizer.
 *
 * <p><b>What we measured.</b> Debian package descriptions by section: {@code benchmarks/text/results.md}.
 */
package org.greendl.nn.bag;
