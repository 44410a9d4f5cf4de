package org.greendl.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {
    private static final List<String> TEXTS = List.of(
            "The lower-case words: a library for parsing, a library for printing.",
            "Python bindings for the parsing library",
            "Documentation for the printing tools (HTML and PDF)",
            "Perl module for parsing dates; parsing times",
            "A game of cards, a game of dice");

    @TempDir
    Path dir;

    @Test
    void wordsAreLowerCasedRunsOfLettersAndDigits() {
        assertEquals(List.of("gtk3", "bindings", "für", "c", "and", "x11"),
                Tokenizer.words("GTK3 bindings, für C++ and X11!"));
        assertEquals(List.of(), Tokenizer.words("  ...  "));
    }

    @Test
    void wordVocabularyIsTheMostFrequentWordsAfterPaddingAndUnknown() {
        WordTokenizer t = WordTokenizer.train(TEXTS, 6);
        // for: 5, parsing: 4, a: 4, library: 3 ... ties broken alphabetically
        assertEquals(List.of("<pad>", "<unk>", "for", "a", "parsing", "library"), t.vocabulary());
        assertArrayEquals(new int[] {5, 2, 4, Tokenizer.UNKNOWN}, t.encode("Library FOR parsing dates"));
        assertEquals("library for parsing <unk>", t.decode(new int[] {5, 2, 4, 1, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> WordTokenizer.train(TEXTS, 2));
    }

    @Test
    void wordRoundTripWhenEveryWordIsKnown() {
        WordTokenizer t = WordTokenizer.train(TEXTS, 1000);
        for (String text : TEXTS) {
            assertEquals(String.join(" ", Tokenizer.words(text)), t.decode(t.encode(text)));
        }
    }

    @Test
    void bpeRoundTripsEveryTextOfKnownCharactersEvenUnseenWords() {
        BpeTokenizer t = BpeTokenizer.train(TEXTS, 60);
        assertTrue(t.vocabularySize() <= 60 && !t.merges().isEmpty(), "merges learnt: " + t.merges().size());
        for (String text : List.of(TEXTS.get(0), "parser of printed pages", "dice and cards")) {
            int[] ids = t.encode(text);
            for (int id : ids) {
                assertTrue(id > Tokenizer.UNKNOWN && id < t.vocabularySize(), "id " + id);
            }
            assertEquals(String.join(" ", Tokenizer.words(text)), t.decode(ids));
        }
        // The most frequent pieces merge first: "parsing" (4 times) ends as fewer pieces than letters.
        assertTrue(t.encode("parsing").length < "parsing".length() + 1);
        // A character never seen in training is the unknown id, and decodes as <unk>.
        int[] z = t.encode("zq");
        assertEquals(Tokenizer.UNKNOWN, z[0]);
        assertEquals("<unk><unk>", t.decode(z));
    }

    @Test
    void bpeTrainingIsDeterministic() {
        assertEquals(BpeTokenizer.train(TEXTS, 80).vocabulary(), BpeTokenizer.train(TEXTS, 80).vocabulary());
    }

    @Test
    void savedEncodingTokenizesExactlyAsTheTrainedOne() throws IOException {
        for (Tokenizer t : List.of(WordTokenizer.train(TEXTS, 20), BpeTokenizer.train(TEXTS, 70))) {
            TextEncoding e = new TextEncoding(t, 7, List.of("devel", "games"));
            Path file = e.write(dir.resolve(t.kind()).toFile().mkdirs() ? dir.resolve(t.kind()) : dir);
            TextEncoding back = TextEncoding.read(file);
            assertEquals(e.fingerprint(), back.fingerprint());
            assertEquals(List.of("devel", "games"), back.classNames());
            assertEquals(t.vocabulary(), back.tokenizer().vocabulary());
            for (String text : TEXTS) {
                assertArrayEquals(e.encode(text), back.encode(text));
            }
        }
    }

    @Test
    void encodingCutsToLengthAndPadsWithZero() {
        WordTokenizer t = WordTokenizer.train(TEXTS, 1000);
        TextEncoding e = new TextEncoding(t, 3, List.of("a", "b"));
        float[] cut = e.encode("a game of cards");
        assertEquals(3, cut.length);
        assertEquals(t.encode("a game of")[2], (int) cut[2]);
        assertArrayEquals(new float[] {t.encode("dice")[0], 0, 0}, e.encode("dice"));
        assertArrayEquals(new float[] {0, 0, 0}, e.encode(""));
    }

    @Test
    void damagedTokenizerFileIsOneLineNamingIt() throws IOException {
        Path bad = Files.writeString(dir.resolve("tokenizer.json"), "{\"format\":\"greendl-tokenizer\",\"kind\":\"word\"}");
        IOException e = assertThrows(IOException.class, () -> TextEncoding.read(bad));
        assertEquals(bad + ": vocabulary: missing or not a list", e.getMessage());
    }

    @Test
    void sequenceLengthIsFixedOrAPercentileOfTrainingCounts() {
        int[] counts = {1, 2, 3, 4, 5, 6, 7, 8, 9, 100};
        assertEquals(9, SequenceLength.parse("p90").choose(counts));
        assertEquals(100, SequenceLength.parse("p100").choose(counts));
        assertEquals(5, SequenceLength.parse("p50").choose(counts));
        assertEquals(32, SequenceLength.parse("32").choose(counts));
        assertEquals("p95", SequenceLength.parse(null).toString());
        assertThrows(IllegalArgumentException.class, () -> SequenceLength.parse("p0"));
        assertThrows(IllegalArgumentException.class, () -> SequenceLength.parse("long"));
    }
}
