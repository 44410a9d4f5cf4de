package org.greendl.data.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataSpecTest {
    @Test
    void schemesParse() {
        assertEquals(DataSpec.Scheme.FASHION_MNIST, DataSpec.parse(null).scheme());
        assertEquals(DataSpec.Scheme.FASHION_MNIST, DataSpec.parse("fashion-mnist").scheme());
        assertNull(DataSpec.parse(" ").path());
        assertEquals(new DataSpec("idx:data/mnist", DataSpec.Scheme.IDX, Path.of("data/mnist")),
                DataSpec.parse("idx:data/mnist"));
        assertEquals(DataSpec.Scheme.FOLDER, DataSpec.parse("folder:photos").scheme());
        assertEquals(Path.of("c:/x.csv"), DataSpec.parse("csv:c:/x.csv").path());
        assertEquals(DataSpec.Scheme.NPZ, DataSpec.parse("NPZ:mnist.npz").scheme());
    }

    @Test
    void unknownSchemeIsOneLineNamingTheSyntax() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("parquet:x"));
        assertEquals("unknown data spec 'parquet:x' (scheme 'parquet'); expected fashion-mnist, idx:DIR, folder:DIR,"
                + " csv:FILE, npz:FILE or text:FILE", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("cifar")).getMessage()
                .startsWith("unknown data spec 'cifar'; expected"));
        assertEquals("data spec 'csv:' names no file after 'csv:'",
                assertThrows(IllegalArgumentException.class, () -> DataSpec.parse("csv:")).getMessage());
    }

    @Test
    void settingsParse() {
        assertEquals(new ImageSize(32, 24), ImageSize.parse("32x24"));
        assertEquals(new ImageSize(28, 28), ImageSize.parse("28"));
        assertThrows(IllegalArgumentException.class, () -> ImageSize.parse("big"));
        assertEquals(3, DataOptions.defaults().withChannels("3").channels());
        assertNull(DataOptions.defaults().withChannels("auto").channels());
        assertThrows(IllegalArgumentException.class, () -> DataOptions.defaults().withChannels("2"));
        Normalization n = Normalization.parse("0.5,0.4,0.3,0.2,0.25,0.3", 3);
        assertEquals(java.util.List.of(0.5f, 0.4f, 0.3f), n.mean());
        assertEquals(java.util.List.of(0.2f, 0.25f, 0.3f), n.std());
        assertEquals("given", n.source());
        assertEquals(java.util.List.of(0.2860f), Normalization.parse("0.2860, 0.3530", 3).mean());
        assertEquals("none", Normalization.parse("none", 3).source());
        assertThrows(IllegalArgumentException.class, () -> Normalization.parse("0.5,0.2,0.1", 3));
        assertThrows(IllegalArgumentException.class, () -> Normalization.parse("0.5,0", 1));
    }
}
