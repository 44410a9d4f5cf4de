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

    @Test
    void aGridOfTenBillionPointsIsRefusedInOneLineWithoutBuildingIt() throws Exception {
        StringBuilder params = new StringBuilder();
        for (int p = 0; p < 10; p++) {
            params.append(p == 0 ? "" : ", ").append("\"p").append(p).append("\": [0,1,2,3,4,5,6,7,8,9]");
        }
        Path f = Files.writeString(dir.resolve("huge.json"), "{\"model\": \"cnn\", \"params\": {" + params + "}}");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20), () -> assertThrows(IllegalArgumentException.class,
                        () -> Configurations.grid(SearchSpace.read(f))));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains("huge.json") && e.getMessage().contains("10000000000"), e.getMessage());
    }

    @Test
    void valuesNoTrialCouldUseAreRefusedNamingTheParameter() throws Exception {
        for (String[] bad : new String[][] {{"batch", "[32, 2.5]"}, {"lr", "[1e308]"}, {"weight_decay", "[-10]"},
                {"lr", "[0]"}, {"batch", "[\"abc\"]"}, {"batch", "[0]"}, {"batch", "[3567587328]"}}) {
            Path f = Files.writeString(dir.resolve("bad.json"), "{\"model\": \"cnn\", \"params\": {\"" + bad[0] + "\": "
                    + bad[1] + "}}");
            SearchSpace space = SearchSpace.read(f);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TrainingTrialRunner(space, dir, null, null), bad[0] + " " + bad[1]);
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("\"" + bad[0] + "\""), e.getMessage());
        }
        new TrainingTrialRunner(SearchSpace.read(Files.writeString(dir.resolve("ok.json"),
                "{\"model\": \"cnn\", \"params\": {\"lr\": [0.01, 1], \"batch\": [32], \"weight_decay\": [0, 1e-4]}}")),
                dir, null, null);
    }

    @Test
    void aModelParameterNamesEachTrialsModelAndAnUnknownOneIsRefused() throws Exception {
        new TrainingTrialRunner(SearchSpace.read(Files.writeString(dir.resolve("models.json"),
                "{\"model\": \"cnn\", \"params\": {\"model\": [\"mlp\", \"cnn\"], \"lr\": [0.01]}}")),
                dir, null, null);
        SearchSpace bad = SearchSpace.read(Files.writeString(dir.resolve("bad-model.json"),
                "{\"model\": \"cnn\", \"params\": {\"model\": [\"mlp\", \"nope\"]}}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainingTrialRunner(bad, dir, null, null));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void aWholeNumberBeyondIntIsRefusedNotWrapped() {
        Configuration c = new Configuration(java.util.Map.of("batch", 3_567_587_328L, "half", 2.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.getInt("batch", 64));
        assertTrue(e.getMessage().contains("3567587328"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.getInt("half", 64));
        assertEquals(64, c.getInt("absent", 64));
    }

    @Test
    void trainingConfigRefusesAbsurdRatesAndNegativeDecay() {
        for (double lr : new double[] {1e308, Double.NaN, Double.POSITIVE_INFINITY, -1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> org.greendl.train.TrainingConfig.builder().setLearningRate(lr).build());
            assertTrue(e.getMessage().contains("learning rate"), e.getMessage());
        }
        for (double wd : new double[] {-10, Double.NaN, 1e9}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> org.greendl.train.TrainingConfig.builder().optWeightDecay(wd).build());
            assertTrue(e.getMessage().contains("weight decay"), e.getMessage());
        }
    }

    @Test
    void aSpaceFileThatIsNotUtf8OrNotJsonNamesTheFileInOneLine() throws Exception {
        Path latin = Files.write(dir.resolve("latin.json"), new byte[] {'{', '"', (byte) 0xe9, '"', '}'});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.read(latin));
        assertTrue(e.getMessage().contains("latin.json") && e.getMessage().contains("not UTF-8"), e.getMessage());
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"model\": \"cnn\", \u0007}");
        e = assertThrows(IllegalArgumentException.class, () -> SearchSpace.read(broken));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
