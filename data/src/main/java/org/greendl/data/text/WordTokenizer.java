package org.greendl.data.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Word-level tokens: the {@code size - 2} most frequent lower-cased words of the training texts (ties broken
 * alphabetically, so the vocabulary depends on the texts only), padding and unknown at ids 0 and 1.
 */
public final class WordTokenizer implements Tokenizer {
    private final List<String> vocabulary;
    private final Map<String, Integer> ids = new HashMap<>();

    WordTokenizer(List<String> vocabulary) {
        if (vocabulary.size() < 3 || !PADDING_TEXT.equals(vocabulary.get(0)) || !UNKNOWN_TEXT.equals(vocabulary.get(1))) {
            throw new IllegalArgumentException("a word vocabulary starts with <pad>, <unk> and holds at least one word");
        }
        this.vocabulary = List.copyOf(vocabulary);
        for (int i = 0; i < vocabulary.size(); i++) {
            if (ids.put(vocabulary.get(i), i) != null) {
                throw new IllegalArgumentException("word '" + vocabulary.get(i) + "' appears twice in the vocabulary");
            }
        }
    }

    /** The {@code size - 2} most frequent words of {@code texts} plus padding and unknown. */
    public static WordTokenizer train(Collection<String> texts, int size) {
        if (size < 3) {
            throw new IllegalArgumentException("vocabulary size must be at least 3 (padding, unknown, one word), got "
                    + size);
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            for (String w : Words.split(text)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> vocab = new ArrayList<>(List.of(PADDING_TEXT, UNKNOWN_TEXT));
        for (int i = 0; i < sorted.size() && vocab.size() < size; i++) {
            vocab.add(sorted.get(i).getKey());
        }
        if (vocab.size() < 3) {
            throw new IllegalArgumentException("the training texts hold no word to build a vocabulary from");
        }
        return new WordTokenizer(vocab);
    }

    @Override
    public String kind() {
        return "word";
    }

    @Override
    public int[] encode(String text) {
        List<String> words = Words.split(text);
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.getOrDefault(words.get(i), UNKNOWN);
        }
        return out;
    }

    @Override
    public String decode(int[] tokens) {
        StringBuilder b = new StringBuilder();
        for (int id : tokens) {
            if (id == PADDING) {
                continue;
            }
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(id > UNKNOWN && id < vocabulary.size() ? vocabulary.get(id) : UNKNOWN_TEXT);
        }
        return b.toString();
    }

    @Override
    public int vocabularySize() {
        return vocabulary.size();
    }

    @Override
    public List<String> vocabulary() {
        return vocabulary;
    }
}
