package org.greendl.data.text;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How {@code text:FILE} is read and tokenized.
 *
 * @param textColumn the text column by header name or 0-based index (null: the column named {@code text}, or
 *     without a header the last column)
 * @param tokenizer {@code word} or {@code bpe}
 * @param vocabulary ids in all, padding and unknown included
 * @param sequenceLength tokens per example, fixed or a percentile of the training split
 * @param saved a saved {@link TextEncoding} to apply instead of training one (its length and classes then hold)
 */
public record TextOptions(String textColumn, String tokenizer, int vocabulary, SequenceLength sequenceLength,
        Path saved) {
    public static final int DEFAULT_VOCABULARY = 8000;

    public TextOptions {
        tokenizer = tokenizer == null ? "word" : tokenizer.trim().toLowerCase(Locale.ROOT);
        if (!tokenizer.equals("word") && !tokenizer.equals("bpe")) {
            throw new IllegalArgumentException("tokenizer must be word or bpe, got '" + tokenizer + "'");
        }
        if (vocabulary < 3) {
            throw new IllegalArgumentException("vocabulary must be at least 3 (padding, unknown, one token), got "
                    + vocabulary);
        }
        if (sequenceLength == null) {
            sequenceLength = SequenceLength.DEFAULT;
        }
    }

    /** Word tokens, 8,000 ids, the 95th percentile of the training texts' lengths. */
    public static TextOptions defaults() {
        return new TextOptions(null, "word", DEFAULT_VOCABULARY, SequenceLength.DEFAULT, null);
    }

    public TextOptions withTextColumn(String column) {
        return new TextOptions(column, tokenizer, vocabulary, sequenceLength, saved);
    }

    public TextOptions withTokenizer(String kind) {
        return new TextOptions(textColumn, kind, vocabulary, sequenceLength, saved);
    }

    public TextOptions withVocabulary(int size) {
        return new TextOptions(textColumn, tokenizer, size, sequenceLength, saved);
    }

    public TextOptions withSequenceLength(SequenceLength length) {
        return new TextOptions(textColumn, tokenizer, vocabulary, length, saved);
    }

    public TextOptions withSaved(Path file) {
        return new TextOptions(textColumn, tokenizer, vocabulary, sequenceLength, file);
    }

    /** Builds the tokenizer this names from training texts. */
    public Tokenizer train(java.util.Collection<String> texts) {
        return tokenizer.equals("bpe") ? BpeTokenizer.train(texts, vocabulary) : WordTokenizer.train(texts, vocabulary);
    }
}
