package org.greendl.nn.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.greendl.nn.spec.BlockSpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelResolverTest {
    @TempDir Path dir;

    @Test
    void aZooNameBuildsTheZooModel() {
        ModelResolver.Resolved r = ModelResolver.resolve("cnn", Map.of(), InputSpec.FASHION_MNIST);
        assertTrue(r.isZoo());
        assertEquals("cnn", r.name());
        assertEquals(BlockSpecs.toJson(ModelZoo.build("cnn")), BlockSpecs.toJson(r.block()));
        assertEquals(ModelZoo.recipe("cnn"), ModelResolver.recipe("cnn"));
    }

    @Test
    void aJsonPathReadsTheSpecAndChecksItAgainstTheData() throws Exception {
        Path spec = dir.resolve("my.json");
        Files.writeString(spec, "{\"input\": [1, 28, 28], \"classes\": 10, \"layers\": [{\"type\": \"flatten\"},"
                + " {\"type\": \"linear\", \"units\": 10}]}");
        ModelResolver.Resolved r = ModelResolver.resolve(spec.toString(), Map.of(), InputSpec.FASHION_MNIST);
        assertEquals("my", r.name());
        assertEquals(new Shape(1, 28, 28), r.spec().input());
        assertEquals(Recipe.UNTUNED, ModelResolver.recipe(spec.toString()));

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> ModelResolver.resolve(spec.toString(), Map.of(), new InputSpec(new Shape(3, 32, 32), 10)));
        assertEquals(spec + ": input: the spec is for [1, 28, 28], the data has [3, 32, 32]", other.getMessage());
        IllegalArgumentException classes = assertThrows(IllegalArgumentException.class,
                () -> ModelResolver.resolve(spec.toString(), Map.of(), new InputSpec(new Shape(1, 28, 28), 5)));
        assertTrue(classes.getMessage().contains("classes: the spec scores 10 classes, the data has 5"));
        IllegalArgumentException options = assertThrows(IllegalArgumentException.class,
                () -> ModelResolver.resolve(spec.toString(), Map.of("attention", "linear"), InputSpec.FASHION_MNIST));
        assertTrue(options.getMessage().contains("is a model spec"), options.getMessage());
    }

    @Test
    void badSpecFilesFailNamingTheFileAndThePath() throws Exception {
        Path spec = dir.resolve("bad.json");
        Files.writeString(spec, "{\"input\": [1, 28, 28], \"layers\": [{\"type\": \"conv3d\"}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelResolver.resolve(spec.toString(), Map.of(), InputSpec.FASHION_MNIST));
        assertTrue(e.getMessage().startsWith(spec + ": layers[0].type: unknown layer \"conv3d\""), e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ModelResolver.resolve(dir.resolve("none.json").toString(), Map.of(), InputSpec.FASHION_MNIST));
        assertTrue(missing.getMessage().endsWith("no such file"), missing.getMessage());
        Files.writeString(spec, "{\"layers\": [{\"type\": \"flatten\"}]}");
        IllegalArgumentException noInput = assertThrows(IllegalArgumentException.class,
                () -> ModelResolver.resolve(spec.toString(), Map.of(), InputSpec.FASHION_MNIST));
        assertTrue(noInput.getMessage().contains("input: missing"), noInput.getMessage());
    }
}
