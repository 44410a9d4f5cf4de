package org.greendl.data.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxLoaderTest {
    @TempDir
    Path dir;

    static void idx(Path file, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(0x800 | dims.length);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(data);
        }
        Files.write(file, bytes.toByteArray());
    }

    @Test
    void anyImageSizeAndClassCountByLooseNames() throws IOException {
        idx(dir.resolve("letters-train-images.idx"), new int[] {4, 5, 3}, new byte[60]);
        idx(dir.resolve("letters-train-labels.idx"), new int[] {4}, new byte[] {0, 11, 25, 11});
        idx(dir.resolve("letters-test-images.idx"), new int[] {2, 5, 3}, new byte[30]);
        idx(dir.resolve("letters-test-labels.idx"), new int[] {2}, new byte[] {25, 0});
        LoadedData d = DataSpec.parse("idx:" + dir).load(DataOptions.defaults());
        assertEquals(new Shape(1, 5, 3), d.inputShape());
        assertEquals(List.of("0", "11", "25"), d.classNames());
        assertEquals(new SplitSizes(4, 2), d.provenance().splits());
        assertEquals(2, d.test().label(0));
        assertEquals(1f, d.provenance().normalization().std().get(0)); // constant images: std 1, not 0
    }

    @Test
    void missingAndAmbiguousFilesAreNamed() throws IOException {
        idx(dir.resolve("a-train-images"), new int[] {1, 2, 2}, new byte[4]);
        assertEquals(dir + ": no train labels file (expected train-labels-idx1-ubyte[.gz] or one file named"
                + " *train*labels*)", assertThrows(DataInputException.class,
                        () -> DataSpec.parse("idx:" + dir).load(DataOptions.defaults())).getMessage());
        idx(dir.resolve("a-train-labels"), new int[] {1}, new byte[1]);
        idx(dir.resolve("b-train-labels"), new int[] {1}, new byte[1]);
        String m = assertThrows(DataInputException.class,
                () -> DataSpec.parse("idx:" + dir).load(DataOptions.defaults())).getMessage();
        assertEquals(dir + ": 2 candidate train labels files [" + dir.resolve("a-train-labels") + ", "
                + dir.resolve("b-train-labels") + "] (expected train-labels-idx1-ubyte[.gz] or one file named"
                + " *train*labels*)", m);
    }
}
