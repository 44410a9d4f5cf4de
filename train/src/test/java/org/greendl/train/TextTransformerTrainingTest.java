package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.ArrayDataset;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.greendl.nn.earlyexit.EarlyExitLoss;
import org.greendl.nn.earlyexit.EarlyExitNet;
import org.greendl.nn.zoo.InputSpec;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.record.RunRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny text-transformer learns synthetic token data in greendl's training loop, well above the chance level of
 * 1/4, and the saved model predicts the same after reload. The data: each class has ten topic tokens; a text of
 * 4 to 16 tokens (padded with 0 to 16) draws each token from its class's topic words with probability 0.4, else
 * from 40 shared noise words, so a model must look at the tokens, ignore the padding and pool.
 */
class TextTransformerTrainingTest {
    static final int LENGTH = 16;
    static final int VOCABULARY = 100;
    static final int CLASSES = 4;

    @TempDir Path tmp;

    /** {@code n} texts as (n, 16) float token ids and their labels. */
    static ArrayDataset tokens(int n, long seed, int batch, boolean shuffle) {
        Random r = new Random(seed);
        float[] ids = new float[n * LENGTH];
        float[] labels = new float[n];
        for (int i = 0; i < n; i++) {
            int c = r.nextInt(CLASSES);
            labels[i] = c;
            int length = 4 + r.nextInt(LENGTH - 3);
            for (int t = 0; t < length; t++) {
                ids[i * LENGTH + t] = r.nextDouble() < 0.4 ? 2 + 10 * c + r.nextInt(10) : 42 + r.nextInt(40);
            }
        }
        NDManager m = NDManager.newBaseManager();
        return new ArrayDataset.Builder().setData(m.create(ids, new Shape(n, LENGTH)))
                .optLabels(m.create(labels, new Shape(n))).setSampling(batch, shuffle).build();
    }

    private RunRecord train(Map<String, String> options, Path out) throws Exception {
        Block block = ModelZoo.build("text-transformer", options, InputSpec.tokens(LENGTH, VOCABULARY, CLASSES));
        TrainingConfig.Builder config = TrainingConfig.builder().setEpochs(4).setBatchSize(32).setLearningRate(0.003)
                .optModelName("text-transformer").optSeed(11).optOutputDir(out);
        if (block instanceof EarlyExitNet) {
            config.optLoss(new EarlyExitLoss());
        }
        return TrainingSession.run(block, tokens(640, 1, 32, true), tokens(128, 2, 64, false),
                tokens(256, 3, 64, false), config.build());
    }

    @Test
    void learnsAboveChanceAndReloads() throws Exception {
        Path out = tmp.resolve("run");
        RunRecord r = train(Map.of("width", "32", "heads", "2", "layers", "2"), out);
        System.out.println("text-transformer on synthetic tokens: test accuracy " + r.metrics().testAccuracy());
        assertEquals("completed", r.stopReason());
        assertTrue(r.metrics().testAccuracy() > 0.6, "test accuracy " + r.metrics().testAccuracy());
        assertTrue(r.model().macs() > 0 && r.model().params() > 0);

        // the reloaded model scores the 256 test texts exactly as the run record says
        try (SavedModel saved = ModelStore.load(out); NDManager m = NDManager.newBaseManager()) {
            ArrayDataset test = tokens(256, 3, 64, false);
            int correct = 0;
            for (int i = 0; i < 256; i++) {
                NDList row = test.get(m, i).getData();
                NDArray x = row.head().reshape(1, LENGTH);
                NDArray logits = saved.block().forward(new ParameterStore(m, false), new NDList(x), false)
                        .singletonOrThrow();
                float label = test.get(m, i).getLabels().head().getFloat();
                correct += logits.argMax(1).getLong() == (long) label ? 1 : 0;
            }
            assertEquals(r.metrics().testAccuracy(), correct / 256.0, 1e-9);
        }
    }

    @Test
    void linearAttentionAndEarlyExitsLearnToo() throws Exception {
        RunRecord linear = train(Map.of("width", "32", "heads", "2", "attention", "linear", "pool", "cls"),
                tmp.resolve("linear"));
        RunRecord exits = train(Map.of("width", "32", "heads", "2", "exits", "layer"), tmp.resolve("exits"));
        System.out.println("linear attention, cls pooling: " + linear.metrics().testAccuracy() + "; exits: "
                + exits.metrics().testAccuracy());
        assertTrue(linear.metrics().testAccuracy() > 0.6, "linear: " + linear.metrics().testAccuracy());
        assertTrue(exits.metrics().testAccuracy() > 0.6, "exits: " + exits.metrics().testAccuracy());
    }
}
