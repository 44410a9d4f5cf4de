package org.greendl.select.active;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.greendl.select.ImageSet;
import org.greendl.select.SyntheticImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelFilesTest {
    @TempDir
    Path dir;

    @Test
    void exportsCsvAndReadablePngs() throws Exception {
        ImageSet images = SyntheticImages.make(20, 1);
        Path csv = LabelFiles.exportQuery(dir, new int[] {3, 7}, images);
        assertEquals(List.of("id,image,label", "3,images/3.png,", "7,images/7.png,"), Files.readAllLines(csv));
        BufferedImage png = ImageIO.read(dir.resolve("images/7.png").toFile());
        assertEquals(28, png.getWidth());
        assertEquals(28, png.getHeight());
        byte[] raw = images.rawImage(7);
        assertEquals(raw[5 * 28 + 9] & 0xff, png.getRaster().getSample(9, 5, 0), "pixel survives the round trip");
    }

    @Test
    void importsIndicesAndClassNamesAndSkipsBlankLabels() throws Exception {
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "\uFEFFid,image,label\n3,images/3.png,ankle boot\n7,images/7.png,2\n8,images/8.png,\n"
                + "9,images/9.png\n\n3,images/3.png,9\n");
        assertEquals(Map.of(3, 9, 7, 2), LabelFiles.importLabels(csv, LabelFiles.FASHION_MNIST_CLASSES));
    }

    @Test
    void badLabelFilesFailWithFileAndLine() throws Exception {
        Path csv = dir.resolve("labels.csv");
        Files.writeString(csv, "id,label\n3,2\n4,Hat\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelFiles.importLabels(csv, LabelFiles.FASHION_MNIST_CLASSES));
        assertTrue(e.getMessage().startsWith(csv + " line 3: class 'Hat' is unknown (expected 0 to 9 or one of"),
                e.getMessage());
        Files.writeString(csv, "id,label\n3,10\n");
        e = assertThrows(IllegalArgumentException.class,
                () -> LabelFiles.importLabels(csv, LabelFiles.FASHION_MNIST_CLASSES));
        assertEquals(csv + " line 2: class 10 is unknown (expected 0 to 9)", e.getMessage());
        Files.writeString(csv, "id,label\nx7,1\n");
        e = assertThrows(IllegalArgumentException.class,
                () -> LabelFiles.importLabels(csv, LabelFiles.FASHION_MNIST_CLASSES));
        assertEquals(csv + " line 2: id 'x7' is not an integer", e.getMessage());
        Files.writeString(csv, "id,label\n3,1\n3,2\n");
        e = assertThrows(IllegalArgumentException.class,
                () -> LabelFiles.importLabels(csv, LabelFiles.FASHION_MNIST_CLASSES));
        assertEquals(csv + " line 3: id 3 is labelled twice, as 1 and 2", e.getMessage());
        Files.writeString(csv, "name,class\n3,1\n");
        e = assertThrows(IllegalArgumentException.class,
                () -> LabelFiles.importLabels(csv, LabelFiles.FASHION_MNIST_CLASSES));
        assertTrue(e.getMessage().contains("lacks an 'id' or a 'label' column"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class,
                () -> LabelFiles.importLabels(dir.resolve("nope.csv"), LabelFiles.FASHION_MNIST_CLASSES));
    }

    @Test
    void aHugeCellIsNotEchoedInFull() throws Exception {
        Path csv = dir.resolve("big.csv");
        Files.writeString(csv, "id,label\n3," + "x".repeat(5_000_000) + "\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelFiles.importLabels(csv, LabelFiles.FASHION_MNIST_CLASSES));
        assertTrue(e.getMessage().startsWith(csv + " line 2: class 'xxxx"), e.getMessage().substring(0, 200));
        assertTrue(e.getMessage().length() < 600, "length " + e.getMessage().length());
        assertTrue(e.getMessage().contains("5000000 characters"), e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8NamesTheFile() throws Exception {
        Path csv = Files.write(dir.resolve("latin.csv"), "id,label\n3,caf\u00e9\n".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LabelFiles.importLabels(csv, LabelFiles.FASHION_MNIST_CLASSES));
        assertTrue(e.getMessage().startsWith(csv + " is not UTF-8"), e.getMessage());
    }

    @Test
    void quotedCellsAreParsed() {
        assertEquals(List.of("1", "a,b", "say \"hi\""), LabelFiles.split("1,\"a,b\",\"say \"\"hi\"\"\""));
    }
}
