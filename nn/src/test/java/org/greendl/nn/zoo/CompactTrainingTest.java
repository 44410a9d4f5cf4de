package org.greendl.nn.zoo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.loss.Loss;
import java.util.List;
import java.util.Map;
import org.greendl.nn.earlyexit.EarlyExitLoss;
import org.greendl.nn.testing.TinyFashion;
import org.greendl.nn.testing.TinyTrainer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The compact models learn: 60-200 Adam steps of batch 16 on 2,048 real Fashion-MNIST images and the mean
 * loss of the last 20 steps is well below that of the first 20 (which start near ln 10 = 2.30). Kept small:
 * these run in every build; longer training belongs to benchmarks.
 */
class CompactTrainingTest {
    static final int STEPS = 200;
    static final int BATCH = 16;
    static TinyFashion data;

    @BeforeAll
    static void load() {
        data = TinyFashion.load(true, 2048);
    }

    private static void assertLearns(String name, List<Float> losses) {
        double first = TinyTrainer.mean(losses, 0, 20);
        double last = TinyTrainer.mean(losses, losses.size() - 20, losses.size());
        String what = name + " on " + (data.real() ? "Fashion-MNIST" : "synthetic data") + ": loss " + first
                + " -> " + last;
        System.out.println(what);
        assertTrue(losses.stream().allMatch(l -> Float.isFinite(l)), what);
        assertTrue(last < 0.8 * first, what);
    }

    @Test
    void mobilenetMiniLearns() {
        assertLearns("mobilenet-mini", TinyTrainer.train(ModelZoo.build("mobilenet-mini"), data, STEPS, BATCH, 3e-3f,
                Loss.softmaxCrossEntropyLoss()));
    }

    @Test
    void vitTinyLearns() {
        assertLearns("vit-tiny", TinyTrainer.train(ModelZoo.build("vit-tiny"), data, STEPS, BATCH, 2e-3f,
                Loss.softmaxCrossEntropyLoss()));
    }

    @Test
    void vitTinyWithLinearAttentionLearns() {
        assertLearns("vit-tiny attention=linear", TinyTrainer.train(
                ModelZoo.build("vit-tiny", Map.of("attention", "linear")), data, 60, BATCH, 2e-3f,
                Loss.softmaxCrossEntropyLoss()));
    }

    @Test
    void earlyExitCnnLearnsAllExits() {
        // The joint loss sums three exits' cross-entropies, so it starts near 3 ln 10.
        assertLearns("early-exit-cnn", TinyTrainer.train(ModelZoo.build("early-exit-cnn"), data, 60, BATCH, 2e-3f,
                new EarlyExitLoss()));
    }
}
