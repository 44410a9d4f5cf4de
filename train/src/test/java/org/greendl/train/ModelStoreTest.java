package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.greendl.nn.zoo.ModelZoo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.greendl.record.RunRecord;
import org.greendl.record.RunRecords;

/** A model saved with its run record loads back with the same architecture, weights, predictions and record. */
class ModelStoreTest {
    @TempDir Path tmp;

    static RunRecord record(String name) {
        return new RunRecord(RunRecord.SCHEMA, "train-test", null, "train", "2026-01-01T00:00:00Z",
                new RunRecord.ModelInfo(name, 61706, 416520, 866000, 246824, 0.0),
                new RunRecord.Metrics(0.9, 0.3, null, null, null, null), RunRecord.EnergyInfo.ZERO,
                new RunRecord.EmissionsInfo(0, 56, "FRA"), new RunRecord.TimeInfo(1.5), "completed", "ran all",
                Map.of("seed", 42), new RunRecord.Environment("17", "0.36.0", "PyTorch 2.7.1", "cpu", 2), List.of());
    }

    @Test
    void savedModelLoadsWithTheSamePredictions() throws IOException {
        Path dir = tmp.resolve("lenet5");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ModelZoo.build("lenet5");
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            NDArray input = manager.randomNormal(new Shape(4, 1, 28, 28));
            float[] before = block.forward(new ParameterStore(manager, false), new NDList(input), false).head()
                    .toFloatArray();
            ModelStore.save(dir, block, record("lenet5"));
            try (SavedModel saved = ModelStore.load(dir)) {
                float[] after = saved.block().forward(new ParameterStore(input.getManager(), false), new NDList(input),
                        false).head().toFloatArray();
                assertArrayEquals(before, after, 0f);
                assertEquals(RunRecords.toJson(record("lenet5")), RunRecords.toJson(saved.record()));
            }
        }
        assertTrue(Files.readString(dir.resolve("model.json")).contains("greendl.blockspec"));
    }

    @Test
    void missingPartsAreNamed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("half"));
        Files.writeString(dir.resolve("run.json"), RunRecords.toJson(record("x")));
        IOException e = assertThrows(IOException.class, () -> ModelStore.load(dir));
        assertEquals(dir + ": not a greendl model folder, model.json is missing (expected run.json, model.json and"
                + " model.params)", e.getMessage());
    }

    @Test
    void aDamagedArchitectureIsOneShortLineNamingTheFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("run.json"), RunRecords.toJson(record("x")));
        Files.write(dir.resolve("model.params"), new byte[8]);
        Files.write(dir.resolve("model.json"), new byte[] {'{', (byte) 0xff, '}'});
        IOException latin = assertThrows(IOException.class, () -> ModelStore.load(dir));
        assertTrue(latin.getMessage().startsWith(dir.resolve("model.json") + ": not a model architecture (not UTF-8"),
                latin.getMessage());
        Files.writeString(dir.resolve("model.json"), "{\"format\": \"greendl.blockspec\", \"version\": 1, \"block\":"
                + " {\"type\": \"" + "x".repeat(100_000) + "\"}}");
        IOException huge = assertThrows(IOException.class, () -> ModelStore.load(dir));
        assertTrue(huge.getMessage().startsWith(dir.resolve("model.json").toString()), huge.getMessage());
        assertTrue(huge.getMessage().length() < 500, "length " + huge.getMessage().length());
    }

    @Test
    void aDamagedSavedInputShapeIsRefusedAtLoad() throws IOException {
        Path dir = tmp.resolve("huge-input");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ModelZoo.build("mlp");
            block.initialize(manager, DataType.FLOAT32, new Shape(64, 1, 28, 28));
            ModelStore.save(dir, block, record("mlp"));
        }
        Path params = dir.resolve("model.params");
        byte[] bytes = Files.readAllBytes(params);
        java.nio.ByteBuffer.wrap(bytes).putInt(20, 0x7fffffff); // inside the saved input shape: dimensions of 2^31 and more
        Files.write(params, bytes);
        IOException e = assertThrows(IOException.class, () -> ModelStore.load(dir));
        assertTrue(e.getMessage().startsWith(params.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        // Smaller, but still 13 billion values in all (52 GB of floats to export).
        java.nio.ByteBuffer.wrap(bytes).putInt(20, 0).putInt(12, 65_535);
        Files.write(params, bytes);
        IOException e2 = assertThrows(IOException.class, () -> ModelStore.load(dir));
        assertTrue(e2.getMessage().startsWith(params.toString()), e2.getMessage());
    }

    @Test
    void aDamagedCountThatAsksForGigabytesIsAnErrorNotAnOutOfMemoryError() throws Exception {
        Path dir = tmp.resolve("huge-count");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ModelZoo.build("mlp");
            block.initialize(manager, DataType.FLOAT32, new Shape(64, 1, 28, 28));
            ModelStore.save(dir, block, record("mlp"));
        }
        Path params = dir.resolve("model.params");
        byte[] bytes = Files.readAllBytes(params);
        // The saved input shape's layout length (the int after its four dimensions): 2^31 chars are 4 GiB, more
        // than this JVM's heap, and DJL allocates them before reading a single one.
        assertEquals(4, java.nio.ByteBuffer.wrap(bytes).getInt(41), "the layout length of the first saved shape");
        java.nio.ByteBuffer.wrap(bytes).putInt(41, Integer.MAX_VALUE - 8);
        Files.write(params, bytes);
        IOException e = assertThrows(IOException.class, () -> ModelStore.load(dir));
        assertTrue(e.getMessage().startsWith(params.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("(null)"), e.getMessage());
    }

    @Test
    void aParameterShapeLargerThanItsFileIsRefused() throws IOException {
        Path dir = tmp.resolve("huge-shape");
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ModelZoo.build("lenet5");
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            ModelStore.save(dir, block, record("lenet5"));
        }
        Path params = dir.resolve("model.params");
        byte[] bytes = Files.readAllBytes(params);
        // The first conv's weight shape (6, 1, 5, 5) as DJL writes it: four big-endian longs.
        java.nio.ByteBuffer want = java.nio.ByteBuffer.allocate(32).putLong(6).putLong(1).putLong(5).putLong(5);
        int at = -1;
        for (int i = 0; i + 32 <= bytes.length && at < 0; i++) {
            if (java.nio.ByteBuffer.wrap(bytes, i, 32).equals(want.rewind())) {
                at = i;
            }
        }
        assertTrue(at >= 0, "shape found in the parameters file");
        java.nio.ByteBuffer.wrap(bytes).putLong(at, 1L << 40);
        Files.write(params, bytes);
        IOException e = assertThrows(IOException.class, () -> ModelStore.load(dir));
        assertTrue(e.getMessage().startsWith(params.toString()), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
