package org.greendl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad data given to {@code greendl train}: each one line naming what is wrong and where, exit 1, no run written. */
class BadDataCommandsTest {
    @TempDir Path tmp;

    private void assertRefused(String spec, String named, String... extra) {
        Path out = tmp.resolve("run-" + Math.abs(spec.hashCode()));
        String[] args = {"train", "--model", "mlp", "--epochs", "1", "--progress", "none", "--data", spec, "--out",
                out.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        ProfileCommandTest.Result r = ProfileCommandTest.run(all);
        assertEquals(1, r.code(), spec + ": " + r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("greendl: ") && r.err().contains(named), spec + " should name " + named + ": "
                + r.err());
        assertFalse(Files.exists(out.resolve("run.json")), "no run record for refused data");
    }

    @Test
    void aFolderWithOneClassOrABadImageOrMixedChannelsOrAnEmptySplit() throws IOException {
        Path one = tmp.resolve("one");
        gray(one.resolve("shirts/a.png"));
        gray(one.resolve("shirts/b.png"));
        assertRefused("folder:" + one, "only 1 class folder");

        Path broken = tmp.resolve("broken");
        gray(broken.resolve("a/1.png"));
        gray(broken.resolve("b/1.png"));
        Files.writeString(broken.resolve("b/2.png"), "not an image");
        assertRefused("folder:" + broken, "2.png");

        Path mixed = tmp.resolve("mixed");
        gray(mixed.resolve("a/1.png"));
        gray(mixed.resolve("a/2.png"));
        rgb(mixed.resolve("b/1.png"));
        rgb(mixed.resolve("b/2.png"));
        assertRefused("folder:" + mixed, "--channels");

        Path empty = tmp.resolve("empty");
        gray(empty.resolve("train/a/1.png"));
        gray(empty.resolve("train/b/1.png"));
        Files.createDirectories(empty.resolve("test"));
        assertRefused("folder:" + empty, "test");
    }

    @Test
    void aCsvWithATextCellOrAMissingLabelColumn() throws IOException {
        Path csv = Files.writeString(tmp.resolve("cells.csv"), "a,b,label\n1,2,0\n3,x,1\n");
        assertRefused("csv:" + csv, "row 3, column 2");
        Path ok = Files.writeString(tmp.resolve("ok.csv"), "a,b,label\n1,2,0\n3,4,1\n");
        assertRefused("csv:" + ok, "label column 'kind' does not exist", "--label-column", "kind");
    }

    @Test
    void anNpzWithoutYTest() throws IOException {
        Path npz = tmp.resolve("three.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(npz))) {
            npy(zip, "x_train", new byte[4 * 2 * 2], "(4, 2, 2)");
            npy(zip, "y_train", new byte[] {0, 1, 0, 1}, "(4,)");
            npy(zip, "x_test", new byte[2 * 2 * 2], "(2, 2, 2)");
        }
        assertRefused("npz:" + npz, "y_test");
    }

    private static void gray(Path file) throws IOException {
        write(file, new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY));
    }

    private static void rgb(Path file) throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff2080);
        write(file, image);
    }

    private static void write(Path file, BufferedImage image) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /** One {@code uint8} array in NumPy's .npy format (version 1.0). */
    private static void npy(ZipOutputStream zip, String name, byte[] data, String shape) throws IOException {
        String header = "{'descr': '|u1', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + header.length() + 1;
        header = header + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        zip.putNextEntry(new ZipEntry(name + ".npy"));
        zip.write(out.toByteArray());
        zip.closeEntry();
    }
}
