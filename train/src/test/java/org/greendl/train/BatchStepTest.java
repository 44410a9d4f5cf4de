package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;

class BatchStepTest {
    @Test
    void finiteLossGivesGradientsAndANonFiniteOneLeavesThemUntouched() {
        try (Model model = Model.newInstance("batch-step")) {
            model.setBlock(Tiny.linear());
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()))) {
                trainer.initialize(new Shape(4, 1, 3, 3));
                NDManager m = trainer.getManager();
                NDArray labels = m.create(new float[] {0, 1, 2, 3});
                BatchStep.Outcome ok = BatchStep.forwardBackward(trainer,
                        new NDList(m.ones(new Shape(4, 1, 3, 3))), new NDList(labels), 1);
                assertTrue(ok.finite());
                assertEquals(new Shape(4, 10), ok.predictions().head().getShape());
                Parameter weight = model.getBlock().getParameters().valueAt(0);
                float[] afterFinite = weight.getArray().getGradient().toFloatArray();
                assertTrue(norm(afterFinite) > 0, "a finite loss is differentiated");

                NDArray nan = m.full(new Shape(4, 1, 3, 3), Float.NaN);
                BatchStep.Outcome bad = BatchStep.forwardBackward(trainer, new NDList(nan), new NDList(labels), 1);
                assertFalse(bad.finite());
                assertTrue(Float.isNaN(bad.loss()));
                float[] afterNaN = weight.getArray().getGradient().toFloatArray();
                assertFalse(Float.isNaN(norm(afterNaN)), "no NaN gradient reaches the parameters");
            }
        }
    }

    private static float norm(float[] v) {
        float s = 0;
        for (float x : v) {
            s += x * x;
        }
        return s;
    }
}
