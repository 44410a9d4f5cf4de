/**
 * Method card: tokenizers built from the training split only, and the encoding that turns a text into a fixed
 * number of token ids (efficient data usage: a vocabulary sized for the data, sequences cut where most texts end).
 *
 * <p><b>What it does.</b> Both tokenizers lower-case the text and split it into words (runs of letters and
 * digits). {@link org.greendl.data.text.WordTokenizer} keeps the {@code N - 2} most frequent words;
 * {@link org.greendl.data.text.BpeTokenizer} learns byte-pair-encoding merges (Sennrich, Haddow and Birch, "Neural
 * Machine Translation of Rare Words with Subword Units", ACL 2016) over characters and an end-of-word symbol until
 * it has {@code N} ids, so rare words become pieces instead of the unknown id. Id 0 pads, id 1 is unknown.
 * {@link org.greendl.data.text.SequenceLength} fixes {@code L} or takes a percentile of the training texts' token
 * counts; {@link org.greendl.data.text.TextEncoding} cuts longer texts to their first {@code L} ids, pads shorter
 * ones with 0, and is saved beside a model as {@code tokenizer.json} (vocabulary, merges, {@code L}, classes).
 *
 * <p><b>When to use it.</b> Word tokens for short, well-spelt texts (package descriptions, titles); BPE when
 * many words are rare or inflected, or to keep the vocabulary (and the embedding table) small without losing
 * them to the unknown id. A percentile length (default {@code p95}) keeps the padding cost low; a fixed length
 * when a deployment needs one shape.
 *
 * <p><b>Settings.</b> {@link org.greendl.data.text.TextOptions}: tokenizer {@code word}, vocabulary 8,000 ids,
 * length {@code p95}; the CLI's {@code --tokenizer}, {@code --vocabulary}, {@code --sequence-length}.
 *
 * <p><b>What we measured.</b> The Debian package-description sections: {@code benchmarks/text/results.md}
 * (made by {@code benchmarks/text/debian-sections.sh} and the commands listed there).
 */
package org.greendl.data.text;
