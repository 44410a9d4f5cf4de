package org.greendl.data.text;

import java.util.List;

/**
 * Turns a text into token ids: {@link #PADDING} (0) pads, {@link #UNKNOWN} (1) stands for what the vocabulary
 * lacks, every other id is one vocabulary entry. Built from a training split only ({@link WordTokenizer#train},
 * {@link BpeTokenizer#train}), so the test split never shapes the vocabulary.
 */
public sealed interface Tokenizer permits WordTokenizer, BpeTokenizer {
    int PADDING = 0;
    int UNKNOWN = 1;
    String PADDING_TEXT = "<pad>";
    String UNKNOWN_TEXT = "<unk>";

    /** {@code word} or {@code bpe}. */
    String kind();

    /** Token ids of {@code text}, unpadded and untruncated (empty for a text with no word in it). */
    int[] encode(String text);

    /** The text the ids stand for: words separated by single spaces, {@code <unk>} for unknown ids, padding dropped. */
    String decode(int[] ids);

    /** Number of ids, padding and unknown included. */
    int vocabularySize();

    /** The vocabulary in id order (entry 0 is {@code <pad>}, 1 is {@code <unk>}). */
    List<String> vocabulary();

    /** Lower-cased words: runs of letters and digits, everything else separates them. */
    static List<String> words(String text) {
        return Words.split(text);
    }
}
