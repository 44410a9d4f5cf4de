package org.greendl.compress.distill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import java.util.List;
import org.greendl.compress.Layers;
import org.greendl.compress.Params;
import org.greendl.compress.TinyModels;
import org.greendl.compress.Training;
import org.junit.jupiter.api.Test;

class DistillationTest {

    static SequentialBlock student(int classes) {
        return new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(6).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    @Test
    void softTargetLossMatchesTheFormula() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] s = {1, 2, 0.5f};
            float[] t = {0.2f, 3, -1};
            double temp = 4;
            double expected = 0;
            double[] ps = softmax(s, temp);
            double[] pt = softmax(t, temp);
            for (int i = 0; i < 3; i++) {
                expected += pt[i] * Math.log(pt[i] / ps[i]);
            }
            expected *= temp * temp;
            NDArray loss = DistillationLoss.softTargetLoss(m.create(s, new Shape(1, 3)), m.create(t, new Shape(1, 3)), temp);
            assertEquals(expected, loss.getFloat(), 1e-5);
            assertEquals(0, DistillationLoss.softTargetLoss(m.create(t, new Shape(1, 3)), m.create(t, new Shape(1, 3)), temp)
                    .getFloat(), 1e-6);
            // alpha = 0 is plain cross-entropy, equal to DJL's
            NDArray logits = m.create(new float[] {1, 2, 0.5f, 0, 0, 3}, new Shape(2, 3));
            NDArray labels = m.create(new float[] {1, 2});
            float ours = new DistillationLoss(DistillationConfig.of(2, 0))
                    .evaluate(new NDList(labels), new NDList(logits, logits.neg())).getFloat();
            float djl = Loss.softmaxCrossEntropyLoss().evaluate(new NDList(labels), new NDList(logits)).getFloat();
            assertEquals(djl, ours, 1e-5);
        }
    }

    @Test
    void studentLearnsFromAFrozenTeacherWithAHint() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArrayDataset data = Training.data(m, 96, TinyModels.IMAGE, 1);
            Block teacher = TinyModels.plain(TinyModels.cnn(), m, TinyModels.IMAGE);
            Training.train(teacher, data, TinyModels.IMAGE, 3, Loss.softmaxCrossEntropyLoss());
            float[] teacherBefore = Params.values(Layers.find(teacher, "01Conv2d").weight());
            SequentialBlock student = student(3);
            student.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, TinyModels.IMAGE);
            // hint: student hidden layer (6 units) onto the teacher's flattened features (96): needs a regressor
            DistillationBlock block = new DistillationBlock(student, teacher, List.of(new Hint("03LambdaBlock", "08LambdaBlock")));
            block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, TinyModels.IMAGE); // regressor lives on m
            DistillationConfig cfg = new DistillationConfig(4, 0.7, List.of(new Hint("03LambdaBlock", "08LambdaBlock")), 0.1);
            float acc = Training.train(block, data, TinyModels.IMAGE, 4, new DistillationLoss(cfg));
            assertTrue(acc > 0.6, "distilled student learns: " + acc);
            assertEquals(acc, Training.accuracy(student, data), 1e-6, "inference through the block is the student");
            assertArrayEquals(teacherBefore, Params.values(Layers.find(teacher, "01Conv2d").weight()), "teacher frozen");
            NDList out = block.forward(new ParameterStore(m, false), new NDList(TinyModels.input(m, TinyModels.IMAGE, 2)), true);
            assertEquals(4, out.size()); // student, teacher, hint pair
            assertEquals(out.get(2).getShape(), out.get(3).getShape());
            assertFalse(block.getChildren().keys().stream().noneMatch(k -> k.contains("hint")), "regressor added");
        }
    }

    @Test
    void mismatchedOutputsAndUnknownHintLayersAreOneLineErrors() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block teacher = TinyModels.plain(TinyModels.cnn(), m, TinyModels.IMAGE);
            SequentialBlock student = student(5);
            student.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, TinyModels.IMAGE);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> DistillationBlock.checkCompatible(student, teacher, TinyModels.IMAGE));
            assertEquals("teacher outputs (2, 3) but student outputs (2, 5) for input (2, 1, 8, 8); they must have "
                    + "the same output size", e.getMessage());
            IllegalArgumentException e2 = assertThrows(IllegalArgumentException.class,
                    () -> new DistillationBlock(student(3), teacher, List.of(new Hint("99Linear", "01Conv2d"))));
            assertTrue(e2.getMessage().startsWith("the student has no top-level layer named '99Linear'; it has: 01LambdaBlock"),
                    e2.getMessage());
            assertEquals("alpha must be in [0, 1], got 1.5",
                    assertThrows(IllegalArgumentException.class, () -> DistillationConfig.of(2, 1.5)).getMessage());
        }
    }

    static double[] softmax(float[] z, double t) {
        double sum = 0;
        double[] p = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            p[i] = Math.exp(z[i] / t);
            sum += p[i];
        }
        for (int i = 0; i < z.length; i++) {
            p[i] /= sum;
        }
        return p;
    }
}
