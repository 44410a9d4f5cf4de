package org.greendl.data.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.dataset.Batch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.greendl.testing.OutsideMaven;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvLoaderTest {
    private static final Path SKLEARN = Path.of("/usr/lib/python3/dist-packages/sklearn/datasets/data");

    @TempDir
    Path dir;

    private Path csv(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static LoadedData load(Path file, DataOptions options) throws IOException {
        return DataSpec.parse("csv:" + file).load(options);
    }

    private static String tenRows(String header) {
        StringBuilder s = new StringBuilder(header);
        for (int i = 0; i < 10; i++) {
            s.append(i).append(',').append(i * 2).append(',').append(i % 2 == 0 ? "cat" : "dog").append('\n');
        }
        return s.toString();
    }

    @Test
    void headerLabelByNameAndStandardizedFeatures() throws IOException {
        Path file = csv("pets.csv", "\"a\",b,kind\n" + tenRows("").substring(0));
        LoadedData d = load(file, DataOptions.defaults().withLabelColumn("kind").withTestFraction(0.2));
        assertEquals(List.of("cat", "dog"), d.classNames());
        assertEquals(new Shape(2), d.inputShape());
        assertEquals(new SplitSizes(8, 2), d.provenance().splits());
        assertEquals("training-split", d.provenance().normalization().source());
        try (NDManager m = NDManager.newBaseManager()) {
            float sum = 0;
            int n = 0;
            for (Batch b : d.train().getData(m)) {
                try (b) {
                    assertEquals(2, b.getData().head().getShape().get(1));
                    for (float v : b.getData().head().get(":, 0").toFloatArray()) {
                        sum += v;
                        n++;
                    }
                }
            }
            assertEquals(8, n);
            assertEquals(0, sum / n, 1e-5); // standardized on the training split
        }
    }

    @Test
    void labelByIndexGzipAndNumericClassOrder() throws IOException {
        Path file = dir.resolve("n.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            String rows = "10,1.5,2\n2,2.5,3\n10,3.5,4\n2,4.5,5\n10,0,1\n2,1,1\n1.0,1,1\n1,2,2\n";
            out.write(rows.getBytes(StandardCharsets.UTF_8));
        }
        LoadedData d = load(file, DataOptions.defaults().withLabelColumn("0").withTestFraction(0.5));
        assertEquals(List.of("1", "2", "10"), d.classNames()); // numeric order, "1.0" and "1" one class
        assertEquals(new Shape(2), d.inputShape());
    }

    @Test
    void badInputIsOneLineNamingFileRowAndColumn() throws IOException {
        Path bad = csv("bad.csv", "x,y,label\n1,2,0\n3,oops,1\n");
        DataInputException e = assertThrows(DataInputException.class, () -> load(bad, DataOptions.defaults()));
        assertEquals(bad + ": row 3, column 2 ('y'): 'oops' is not a number", e.getMessage());

        Path plain = csv("plain.csv", "1,2,0\n3,4,1\n5,x,1\n");
        assertEquals(plain + ": row 3, column 2: 'x' is not a number",
                assertThrows(DataInputException.class, () -> load(plain, DataOptions.defaults())).getMessage());

        assertEquals(plain + ": label column 5 does not exist (the file has 3 columns, 0 to 2)",
                assertThrows(DataInputException.class,
                        () -> load(plain, DataOptions.defaults().withLabelColumn("5"))).getMessage());
        assertEquals(bad + ": label column 'species' does not exist (first row: x,y,label)",
                assertThrows(DataInputException.class,
                        () -> load(bad, DataOptions.defaults().withLabelColumn("species"))).getMessage());

        Path nan = csv("nan.csv", "1,2,0\n3,NaN,1\n");
        assertEquals(nan + ": row 2, column 2: 'NaN' is not a number",
                assertThrows(DataInputException.class, () -> load(nan, DataOptions.defaults())).getMessage());

        Path ragged = csv("ragged.csv", "1,2,0\n3,1\n");
        assertEquals(ragged + ": row 2 has 2 columns, expected 3",
                assertThrows(DataInputException.class, () -> load(ragged, DataOptions.defaults())).getMessage());

        Path oneClass = csv("one.csv", "1,2,0\n3,4,0\n");
        assertEquals(oneClass + ": only 1 class ([0]); a classifier needs at least two",
                assertThrows(DataInputException.class, () -> load(oneClass, DataOptions.defaults())).getMessage());

        Path tiny = csv("tiny.csv", "1,2,0\n3,4,1\n");
        DataInputException empty = assertThrows(DataInputException.class,
                () -> load(tiny, DataOptions.defaults().withTestFraction(0.2)));
        assertEquals(tiny + ": the test split is empty (2 examples; raise the test fraction or add a test split)",
                empty.getMessage());
        assertEquals(1, empty.getMessage().lines().count());
    }

    @Test
    void scikitLearnDigits() throws IOException {
        Path digits = SKLEARN.resolve("digits.csv.gz");
        OutsideMaven.require(Files.isRegularFile(digits), "scikit-learn's digits.csv.gz",
                "apt-get install python3-sklearn");
        LoadedData d = load(digits, DataOptions.defaults());
        assertEquals(1797, d.provenance().splits().train() + d.provenance().splits().test());
        assertEquals(10, d.classNames().size());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        assertEquals(List.of(64L), d.provenance().inputShape());
        assertEquals(new Shape(64), d.train().exampleShape());
        assertEquals(1797 - Math.round(1797 * 0.2), d.train().size(), 5); // stratified: rounded per class
        assertEquals(64, d.provenance().normalization().mean().size());
    }

    @Test
    void scikitLearnSummaryLineSkipped() throws IOException {
        Path cancer = SKLEARN.resolve("breast_cancer.csv");
        Path wine = SKLEARN.resolve("wine_data.csv");
        OutsideMaven.require(Files.isRegularFile(cancer) && Files.isRegularFile(wine),
                "scikit-learn's breast_cancer.csv and wine_data.csv", "apt-get install python3-sklearn");
        LoadedData c = load(cancer, DataOptions.defaults().withSkipRows(1));
        assertEquals(569, c.provenance().splits().train() + c.provenance().splits().test());
        assertEquals(List.of(30L), c.provenance().inputShape());
        assertEquals(List.of("0", "1"), c.classNames());
        LoadedData w = load(wine, DataOptions.defaults().withSkipRows(1));
        assertEquals(178, w.provenance().splits().train() + w.provenance().splits().test());
        assertEquals(List.of(13L), w.provenance().inputShape());
        assertEquals(3, w.classNames().size());
        // Without skipping, the summary line "569,30,malignant,benign" is a row of the wrong width.
        DataInputException e = assertThrows(DataInputException.class, () -> load(cancer, DataOptions.defaults()));
        assertEquals(cancer + ": row 2 has 31 columns, expected 4", e.getMessage());
        assertArrayEquals(new long[] {30}, c.inputShape().getShape());
    }
}
