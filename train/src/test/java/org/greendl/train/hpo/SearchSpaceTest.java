package org.greendl.train.hpo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSpaceTest {
    @TempDir Path dir;

    @Test
    void readsTheDocumentedSpaceFile() throws Exception {
        Path f = Files.writeString(dir.resolve("space.json"), """
                {"model": "cnn", "dataset": "fashion-mnist", "max_epochs": 9, "params": {"lr": [0.001, 0.003, 0.01],
                 "batch": [32, 64, 128], "weight_decay": [0, 0.0001, 0.001]}}""");
        SearchSpace s = SearchSpace.read(f);
        assertEquals(27, s.size());
        assertEquals(9, s.maxEpochs());
        assertEquals(27, Configurations.grid(s).size());
        assertEquals("lr=0.001,batch=32,weight_decay=0", Configurations.grid(s).get(0).key());
    }

    @Test
    void emptyOrMalformedSpacesAreOneLineErrors() throws Exception {
        for (String bad : new String[] {"{\"model\": \"cnn\", \"params\": {}}", "{\"model\": \"cnn\"",
                "[1, 2]", "{\"model\": \"cnn\", \"params\": {\"lr\": []}}", "{\"params\": {\"lr\": [1]}}",
                "{\"model\": \"cnn\", \"params\": {\"lr\": 0.1}}"}) {
            Path f = Files.writeString(dir.resolve("bad.json"), bad);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.read(f), bad);
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("bad.json"), e.getMessage());
        }
    }
}
