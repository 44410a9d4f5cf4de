package org.greendl.data.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Byte-pair encoding (Sennrich et al. 2016) over lower-cased words: every word starts as its characters and an
 * end-of-word symbol {@code </w>}; training merges the most frequent adjacent pair of the training texts
 * (ties: the pair of lower ids) into a new symbol until the vocabulary holds {@code size} entries or no pair
 * occurs twice. Encoding replays the merges in the order they were learnt. Characters the training texts did not
 * have (or that did not fit) become the unknown id.
 */
public final class BpeTokenizer implements Tokenizer {
    static final String END_OF_WORD = "</w>";

    private final List<String> vocabulary;
    private final Map<String, Integer> ids = new HashMap<>();
    /** The merges in learning order, each as its two symbols' texts. */
    private final List<String[]> merges;
    /** Pair (left id, right id) to its merge's rank and result id. */
    private final Map<Long, int[]> ranks = new HashMap<>();
    private final Map<String, int[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

    BpeTokenizer(List<String> vocabulary, List<String[]> merges) {
        if (vocabulary.size() < 3 || !PADDING_TEXT.equals(vocabulary.get(0)) || !UNKNOWN_TEXT.equals(vocabulary.get(1))) {
            throw new IllegalArgumentException("a BPE vocabulary starts with <pad>, <unk> and holds at least one symbol");
        }
        this.vocabulary = List.copyOf(vocabulary);
        for (int i = 0; i < vocabulary.size(); i++) {
            if (ids.put(vocabulary.get(i), i) != null) {
                throw new IllegalArgumentException("symbol '" + vocabulary.get(i) + "' appears twice in the vocabulary");
            }
        }
        this.merges = List.copyOf(merges);
        for (int r = 0; r < merges.size(); r++) {
            String[] m = merges.get(r);
            Integer a = ids.get(m[0]);
            Integer b = ids.get(m[1]);
            Integer result = ids.get(m[0] + m[1]);
            if (a == null || b == null || result == null) {
                throw new IllegalArgumentException("merge " + r + " ('" + m[0] + "' '" + m[1] + "') names a symbol"
                        + " the vocabulary lacks");
            }
            ranks.putIfAbsent(pair(a, b), new int[] {r, result});
        }
    }

    /** Learns merges on {@code texts} until the vocabulary has {@code size} entries (or no pair occurs twice). */
    public static BpeTokenizer train(Collection<String> texts, int size) {
        if (size < 3) {
            throw new IllegalArgumentException("vocabulary size must be at least 3 (padding, unknown, one symbol), got "
                    + size);
        }
        Map<String, Integer> wordCounts = new HashMap<>();
        for (String text : texts) {
            for (String w : Words.split(text)) {
                wordCounts.merge(w, 1, Integer::sum);
            }
        }
        if (wordCounts.isEmpty()) {
            throw new IllegalArgumentException("the training texts hold no word to build a vocabulary from");
        }
        // The alphabet: the end-of-word symbol, then characters by frequency (ties by text), as many as fit.
        Map<String, Long> charCounts = new HashMap<>();
        wordCounts.forEach((w, n) -> w.codePoints().forEach(cp -> charCounts.merge(Character.toString(cp), (long) n,
                Long::sum)));
        List<Map.Entry<String, Long>> chars = new ArrayList<>(charCounts.entrySet());
        chars.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> vocab = new ArrayList<>(List.of(PADDING_TEXT, UNKNOWN_TEXT, END_OF_WORD));
        Map<String, Integer> ids = new HashMap<>();
        for (int i = 0; i < vocab.size(); i++) {
            ids.put(vocab.get(i), i);
        }
        for (int i = 0; i < chars.size() && vocab.size() < size; i++) {
            ids.put(chars.get(i).getKey(), vocab.size());
            vocab.add(chars.get(i).getKey());
        }
        // Words in a fixed order (sorted), as symbol arrays, with their counts.
        List<String> distinct = new ArrayList<>(wordCounts.keySet());
        distinct.sort(null);
        int[][] symbols = new int[distinct.size()][];
        long[] freq = new long[distinct.size()];
        for (int w = 0; w < symbols.length; w++) {
            String word = distinct.get(w);
            int[] s = word.codePoints().map(cp -> ids.getOrDefault(Character.toString(cp), UNKNOWN)).toArray();
            symbols[w] = java.util.Arrays.copyOf(s, s.length + 1);
            symbols[w][s.length] = ids.get(END_OF_WORD);
            freq[w] = wordCounts.get(word);
        }
        Map<Long, Long> pairCounts = new HashMap<>();
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int w = 0; w < symbols.length; w++) {
            addPairs(symbols[w], freq[w], w, pairCounts, where);
        }
        PriorityQueue<long[]> queue = new PriorityQueue<>(BpeTokenizer::byCountThenPair);
        pairCounts.forEach((p, n) -> queue.add(new long[] {n, p}));
        List<String[]> merges = new ArrayList<>();
        while (vocab.size() < size && !queue.isEmpty()) {
            long[] top = queue.poll();
            long p = top[1];
            Long current = pairCounts.get(p);
            if (current == null || current != top[0]) {
                continue; // a stale entry: the pair's count changed after it was queued
            }
            if (current < 2) {
                break;
            }
            int a = (int) (p >>> 32);
            int b = (int) p;
            String text = vocab.get(a) + vocab.get(b);
            Integer merged = ids.get(text);
            if (merged == null) {
                merged = vocab.size();
                ids.put(text, merged);
                vocab.add(text);
            }
            merges.add(new String[] {vocab.get(a), vocab.get(b)});
            Set<Long> changed = new HashSet<>();
            for (int w : new ArrayList<>(where.getOrDefault(p, Set.of()))) {
                removePairs(symbols[w], freq[w], pairCounts, changed);
                symbols[w] = merge(symbols[w], a, b, merged);
                addPairs(symbols[w], freq[w], w, pairCounts, where);
                for (int i = 0; i + 1 < symbols[w].length; i++) {
                    changed.add(pair(symbols[w][i], symbols[w][i + 1]));
                }
            }
            pairCounts.remove(p);
            where.remove(p);
            for (long c : changed) {
                Long n = pairCounts.get(c);
                if (n != null && n > 0) {
                    queue.add(new long[] {n, c});
                }
            }
        }
        return new BpeTokenizer(vocab, merges);
    }

    private static int byCountThenPair(long[] x, long[] y) {
        int byCount = Long.compare(y[0], x[0]);
        return byCount != 0 ? byCount : Long.compare(x[1], y[1]);
    }

    private static void addPairs(int[] s, long n, int word, Map<Long, Long> counts, Map<Long, Set<Integer>> where) {
        for (int i = 0; i + 1 < s.length; i++) {
            if (s[i] == UNKNOWN || s[i + 1] == UNKNOWN) {
                continue; // an unknown character is never part of a merged symbol
            }
            long p = pair(s[i], s[i + 1]);
            counts.merge(p, n, Long::sum);
            where.computeIfAbsent(p, k -> new HashSet<>()).add(word);
        }
    }

    private static void removePairs(int[] s, long n, Map<Long, Long> counts, Set<Long> changed) {
        for (int i = 0; i + 1 < s.length; i++) {
            if (s[i] == UNKNOWN || s[i + 1] == UNKNOWN) {
                continue;
            }
            long p = pair(s[i], s[i + 1]);
            counts.merge(p, -n, Long::sum);
            changed.add(p);
        }
    }

    /** Every occurrence of (a, b), left to right, replaced by {@code merged}. */
    private static int[] merge(int[] s, int a, int b, int merged) {
        int[] out = new int[s.length];
        int n = 0;
        for (int i = 0; i < s.length; i++) {
            if (i + 1 < s.length && s[i] == a && s[i + 1] == b) {
                out[n++] = merged;
                i++;
            } else {
                out[n++] = s[i];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static long pair(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    @Override
    public String kind() {
        return "bpe";
    }

    @Override
    public int[] encode(String text) {
        List<String> words = Words.split(text);
        List<int[]> parts = new ArrayList<>(words.size());
        int total = 0;
        for (String w : words) {
            int[] s = cache.computeIfAbsent(w, this::encodeWord);
            parts.add(s);
            total += s.length;
        }
        int[] out = new int[total];
        int at = 0;
        for (int[] s : parts) {
            System.arraycopy(s, 0, out, at, s.length);
            at += s.length;
        }
        return out;
    }

    private int[] encodeWord(String word) {
        int[] c = word.codePoints().map(cp -> ids.getOrDefault(Character.toString(cp), UNKNOWN)).toArray();
        int[] s = java.util.Arrays.copyOf(c, c.length + 1);
        s[c.length] = ids.get(END_OF_WORD);
        while (s.length > 1) {
            int best = Integer.MAX_VALUE;
            int[] chosen = null;
            for (int i = 0; i + 1 < s.length; i++) {
                int[] r = ranks.get(pair(s[i], s[i + 1]));
                if (r != null && r[0] < best) {
                    best = r[0];
                    chosen = new int[] {s[i], s[i + 1], r[1]};
                }
            }
            if (chosen == null) {
                break;
            }
            s = merge(s, chosen[0], chosen[1], chosen[2]);
        }
        return s;
    }

    @Override
    public String decode(int[] tokens) {
        StringBuilder b = new StringBuilder();
        for (int id : tokens) {
            if (id == PADDING) {
                continue;
            }
            b.append(id > UNKNOWN && id < vocabulary.size() ? vocabulary.get(id) : UNKNOWN_TEXT);
        }
        return b.toString().replace(END_OF_WORD, " ").trim();
    }

    @Override
    public int vocabularySize() {
        return vocabulary.size();
    }

    @Override
    public List<String> vocabulary() {
        return vocabulary;
    }

    /** The merges in the order they were learnt, each as the texts of its two symbols. */
    public List<String[]> merges() {
        return merges;
    }
}
