package org.greendl.data.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.greendl.data.text.SequenceLength;
import org.greendl.data.text.TextEncoding;
import org.greendl.data.text.TextOptions;
import org.greendl.data.text.Tokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextLoaderTest {
    @TempDir
    Path dir;

    /** 20 texts per class: games and libs, with words of their own and shared ones. */
    private static String rows(String delimiter, boolean quote) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            String games = "a card game for " + (i + 2) + " players, with dice number " + i + " and tag" + i;
            String libs = "shared library for parsing files " + (i % 3 == 0 ? "quickly and well" : "");
            s.append("games").append(delimiter).append(quote ? '"' + games + '"' : games.replace(",", "")).append('\n');
            s.append("libs").append(delimiter).append(quote ? '"' + libs + '"' : libs).append('\n');
        }
        return s.toString();
    }

    private LoadedData load(Path file, DataOptions options) throws IOException {
        return DataSpec.parse("text:" + file).load(options);
    }

    private static DataOptions words(int vocabulary, String length) {
        return DataOptions.defaults().withText(TextOptions.defaults().withVocabulary(vocabulary)
                .withSequenceLength(SequenceLength.parse(length)));
    }

    private static List<float[]> examples(org.greendl.data.ImageDataset set) {
        List<float[]> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            for (Batch b : set.getData(m)) {
                try (b) {
                    float[] v = b.getData().head().toFloatArray();
                    int len = (int) b.getData().head().getShape().get(1);
                    for (int i = 0; i < v.length; i += len) {
                        out.add(java.util.Arrays.copyOfRange(v, i, i + len));
                    }
                }
            }
        }
        return out;
    }

    @Test
    void tsvWithHeaderGivesExactTokenIdsSplitLikeCsv() throws IOException {
        Path file = Files.writeString(dir.resolve("sections.tsv"), "label\ttext\n" + rows("\t", false));
        LoadedData d = load(file, words(50, "p100"));
        assertEquals(List.of("games", "libs"), d.classNames());
        assertEquals(new SplitSizes(32, 8), d.provenance().splits());
        TextInfo info = d.provenance().text();
        assertEquals("text", info.textColumn());
        assertEquals("label", info.labelColumn());
        assertEquals("word", info.tokenizer());
        assertEquals("training-split", info.source());
        assertEquals(d.encoding().length(), info.sequenceLength());
        assertEquals(new Shape(info.sequenceLength()), d.inputShape());
        assertEquals(d.encoding().tokenizer().vocabularySize(), d.provenance().vocabulary());
        assertEquals("none (token ids)", d.provenance().normalization().source());
        int padded = 0;
        for (float[] ex : examples(d.test())) {
            for (float v : ex) {
                assertEquals(Math.rint(v), v, "an id is an exact integer");
                assertTrue(v >= 0 && v < info.vocabulary());
            }
            if (ex[ex.length - 1] == Tokenizer.PADDING) {
                padded++;
            }
        }
        assertTrue(padded > 0, "the short texts end in padding");
        // p100: the longest training text fits, so nothing in training is cut.
        assertEquals(0, info.truncated());
    }

    @Test
    void theTokenizerSeesTheTrainingSplitOnly() throws IOException {
        StringBuilder s = new StringBuilder("label\ttext\n" + rows("\t", false));
        Path file = Files.writeString(dir.resolve("t.tsv"), s.toString());
        LoadedData d = load(file, words(1000, "p100"));
        Set<String> trainWords = new HashSet<>();
        Set<String> all = new HashSet<>();
        List<String> lines = Files.readAllLines(file).subList(1, 41);
        // The split over rows is the stratified one; rebuild which rows are in training from the label order.
        int[] labels = lines.stream().mapToInt(l -> l.startsWith("games") ? 0 : 1).toArray();
        StratifiedSplit split = StratifiedSplit.of(labels, 2, 0.2, 42);
        for (int i : split.train()) {
            trainWords.addAll(Tokenizer.words(lines.get(i).split("\t")[1]));
        }
        for (String l : lines) {
            all.addAll(Tokenizer.words(l.split("\t")[1]));
        }
        Set<String> vocab = new HashSet<>(d.encoding().tokenizer().vocabulary());
        vocab.removeAll(Set.of("<pad>", "<unk>"));
        assertEquals(trainWords, vocab);
        assertNotEquals(all, vocab, "some test-only words (player counts, dice numbers) are not in the vocabulary");
    }

    @Test
    void csvWithQuotedCommasGzipAndColumnsByIndex() throws IOException {
        Path file = dir.resolve("t.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(rows(",", true).getBytes(StandardCharsets.UTF_8));
        }
        LoadedData d = load(file, words(100, "p100").withLabelColumn("0")
                .withText(TextOptions.defaults().withTextColumn("1").withTokenizer("bpe").withVocabulary(60)));
        assertEquals("bpe", d.provenance().text().tokenizer());
        assertEquals("1", d.provenance().text().textColumn());
        assertTrue(d.provenance().vocabulary() <= 60);
        assertEquals(List.of("games", "libs"), d.classNames());
    }

    @Test
    void longTextsAreTruncatedAndCounted() throws IOException {
        Path file = Files.writeString(dir.resolve("t.tsv"), "label\ttext\n" + rows("\t", false));
        LoadedData d = load(file, words(100, "4"));
        TextInfo info = d.provenance().text();
        assertEquals(4, info.sequenceLength());
        assertEquals(40, info.truncated(), "every text has more than 4 words");
        assertTrue(info.longest() > 4);
        assertTrue(info.describe().contains("40 texts truncated"), info.describe());
    }

    @Test
    void emptyTextsAreSkippedAndCounted() throws IOException {
        Path file = Files.writeString(dir.resolve("t.tsv"), "label\ttext\ngames\t   \n" + rows("\t", false)
                + "libs\t\n");
        LoadedData d = load(file, words(100, "p95"));
        assertEquals(2, d.provenance().text().emptySkipped());
        assertEquals(40, d.provenance().splits().train() + d.provenance().splits().test());
    }

    @Test
    void aMissingNamedColumnNamesTheFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("t.tsv"), "section\tdescription\n" + rows("\t", false));
        DataInputException e = assertThrows(DataInputException.class, () -> load(file, DataOptions.defaults()));
        assertEquals(file + ": line 1: no column 'text' in the header (columns: section, description); name the"
                + " text column with --text-column", e.getMessage());
        DataInputException e2 = assertThrows(DataInputException.class, () -> load(file, DataOptions.defaults()
                .withText(TextOptions.defaults().withTextColumn("description")).withLabelColumn("kind")));
        assertEquals(file + ": line 1: no column 'kind' in the header (columns: section, description); name the"
                + " label column with --label-column", e2.getMessage());
        Path short_ = Files.writeString(dir.resolve("s.tsv"), "label\ttext\ngames\tdice\nlibs\n");
        DataInputException e3 = assertThrows(DataInputException.class, () -> load(short_, DataOptions.defaults()));
        assertTrue(e3.getMessage().startsWith(short_ + ": line 3: 1 column, but the text column is column 1"),
                e3.getMessage());
    }

    @Test
    void aSavedTokenizerIsAppliedAsItIsAndAnUnknownLabelIsOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("t.tsv"), "label\ttext\n" + rows("\t", false));
        LoadedData trained = load(file, words(30, "p50"));
        Path saved = trained.encoding().write(dir);
        // Other data: it is tokenized with the saved vocabulary and length, not a new one of its own.
        Path other = Files.writeString(dir.resolve("o.tsv"), "label\ttext\n" + rows("\t", false).replace("dice",
                "tokens unseen"));
        LoadedData again = load(other, words(500, "p100").withText(TextOptions.defaults().withSaved(saved)));
        assertEquals(trained.encoding().fingerprint(), again.encoding().fingerprint());
        assertEquals(trained.inputShape(), again.inputShape());
        assertEquals("saved", again.provenance().text().source());
        assertTrue(trained.provenance().compatible(again.provenance()).isPresent(),
                "other content, same tokenizer: a warning");
        Path unknown = Files.writeString(dir.resolve("u.tsv"), "label\ttext\n" + rows("\t", false)
                + "science\tstars and planets\n");
        DataInputException e = assertThrows(DataInputException.class,
                () -> load(unknown, DataOptions.defaults().withText(TextOptions.defaults().withSaved(saved))));
        assertEquals(unknown + ": line 42: label 'science' is not one of the 2 classes the tokenizer " + saved
                + " was made with (games, libs)", e.getMessage());
    }

    @Test
    void otherTokenizationIsIncompatibleAndTheRecordReloadsTheSame() throws IOException {
        Path file = Files.writeString(dir.resolve("t.tsv"), "label\ttext\n" + rows("\t", false));
        DataRequest request = new DataRequest(DataSpec.parse("text:" + file), words(40, "p90"));
        LoadedData d = request.load();
        DataRecord record = DataRecord.of(request, d.provenance());
        DataRecord back = org.greendl.record.Json.MAPPER.convertValue(record.toConfigValue(), DataRecord.class);
        assertEquals(record, back);
        LoadedData reloaded = back.request(64).load();
        assertEquals(d.encoding().fingerprint(), reloaded.encoding().fingerprint());
        assertArrayEquals(examples(d.test()).get(0), examples(reloaded.test()).get(0));
        back.check(reloaded.provenance(), w -> { throw new AssertionError(w); });
        LoadedData bpe = new DataRequest(DataSpec.parse("text:" + file), DataOptions.defaults()
                .withText(TextOptions.defaults().withTokenizer("bpe").withVocabulary(40)
                        .withSequenceLength(SequenceLength.parse("p90")))).load();
        if (bpe.inputShape().equals(d.inputShape())) {
            assertThrows(IncompatibleDataException.class, () -> back.check(bpe.provenance(), w -> { }));
        }
        // Saved beside a model, the tokenizer file is what the reload applies.
        Path model = Files.createDirectories(dir.resolve("model"));
        d.encoding().write(model);
        assertEquals("saved", back.request(64, model).load().provenance().text().source());
    }
}
