package org.greendl.train.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.util.List;
import org.greendl.nn.inverted.InvertedResidual;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.record.RunRecord;
import org.junit.jupiter.api.Test;

/** Strategies that change the model: stochastic depth, initialization, no batch norm. */
class ModelStrategiesTest {
    private static long count(Block b, Class<?> type) {
        long n = type.isInstance(b) ? 1 : 0;
        for (Block c : b.getChildren().values()) {
            n += count(c, type);
        }
        return n;
    }

    @Test
    void skippableResidualSkipsInTrainingAndIsThePlainBlockInInference() {
        Block ir = InvertedResidual.builder().setInChannels(4).setOutChannels(4).optExpansion(2).build();
        SkippableResidual s = new SkippableResidual(ir, 0.5, 7);
        try (NDManager m = NDManager.newBaseManager()) {
            s.initialize(m, DataType.FLOAT32, new Shape(2, 4, 6, 6));
            NDArray x = m.randomNormal(new Shape(2, 4, 6, 6));
            ParameterStore ps = new ParameterStore(m, false);
            assertArrayEquals(ir.forward(ps, new NDList(x), false).head().toFloatArray(),
                    s.forward(ps, new NDList(x), false).head().toFloatArray(), 1e-6f);
            int identical = 0;
            for (int i = 0; i < 40; i++) {
                NDArray y = s.forward(ps, new NDList(x), true).head();
                if (y.contentEquals(x)) {
                    identical++;
                }
            }
            assertEquals(identical, s.skipped());
            assertEquals(40, s.skipped() + s.run());
            assertTrue(s.skipped() > 8 && s.skipped() < 32, "skipped " + s.skipped() + " of 40 at p = 0.5");
        }
    }

    /** The gradient of sum(block(x)^2) with respect to x, with a garbage collection before the backward pass. */
    private static float[] inputGradient(Block block, NDArray x) {
        NDArray input = x.duplicate();
        input.setRequiresGradient(true);
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = block.forward(new ParameterStore(x.getManager(), false), new NDList(input), true).head();
            for (int i = 0; i < 3; i++) {
                System.gc(); // a freed scalar buffer is reused: the engine hazard Scalars avoids
                ByteBuffer.allocateDirect(4).putFloat(0, 1e30f);
            }
            collector.backward(y.square().sum());
        }
        return input.getGradient().toFloatArray();
    }

    @Test
    void aBlockThatRunsPassesThePlainBlocksGradients() {
        Block ir = InvertedResidual.builder().setInChannels(4).setOutChannels(4).optExpansion(2).build();
        SkippableResidual s = new SkippableResidual(ir, 1e-12, 7); // practically never skipped
        try (NDManager m = NDManager.newBaseManager()) {
            s.initialize(m, DataType.FLOAT32, new Shape(2, 4, 6, 6));
            for (int i = 0; i < 10; i++) {
                try (NDManager batch = m.newSubManager()) {
                    NDArray x = batch.randomNormal(new Shape(2, 4, 6, 6));
                    assertArrayEquals(inputGradient(ir, x), inputGradient(s, x), 1e-3f, "pass " + i);
                }
            }
            assertEquals(0, s.skipped());
        }
    }

    @Test
    void stochasticDepthWrapsResidualBlocksWithLinearDecay() {
        Block wrapped = StochasticDepth.wrap(ModelZoo.build("mobilenet-mini"), 0.2, 1);
        long residuals = count(wrapped, SkippableResidual.class);
        assertTrue(residuals >= 1, "mobilenet-mini has residual inverted residuals");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> StochasticDepth.wrap(ModelZoo.build("cnn"), 0.2, 1))
                .getMessage().contains("no residual blocks"));
        Block two = StochasticDepth.wrap(TinyRuns.residualNet(), 0.2, 1);
        List<Block> children = two.getChildren().values();
        assertEquals(0.1, ((SkippableResidual) children.get(1)).dropProbability(), 1e-12);
        assertEquals(0.2, ((SkippableResidual) children.get(2)).dropProbability(), 1e-12);
    }

    @Test
    void stochasticDepthTrains() throws Exception {
        Block block = TinyRuns.residualNet();
        RunRecord r = TinyRuns.train(block, "stochastic-depth:0.5", TinyRuns.config(2));
        assertEquals("completed", r.stopReason());
        assertEquals("stochastic-depth:0.5", r.config().get("strategies"));
        assertTrue(r.metrics().testAccuracy() > 0.3, "accuracy " + r.metrics().testAccuracy());
    }

    @Test
    void orthogonalInitializerGivesOrthonormalRowsOrColumns() {
        try (NDManager m = NDManager.newBaseManager()) {
            OrthogonalInitializer init = new OrthogonalInitializer(1);
            for (Shape shape : List.of(new Shape(6, 2, 3, 3), new Shape(20, 5))) {
                NDArray w = init.initialize(m, shape, DataType.FLOAT32).reshape(shape.get(0), -1);
                NDArray gram = shape.get(0) <= w.getShape().get(1) ? w.matMul(w.transpose()) : w.transpose().matMul(w);
                NDArray eye = m.eye((int) gram.getShape().get(0));
                assertTrue(gram.sub(eye).abs().max().getFloat() < 1e-4, shape + ": " + gram);
            }
        }
    }

    @Test
    void initializationChoicesSetTheWeights() {
        for (String name : List.of("init-xavier", "init-orthogonal", "init-kaiming")) {
            Block b = Strategies.apply(Strategies.parse(name), TinyRuns.convNet(),
                    TinyRuns.config(1), new StrategyContext(1, 1, 1));
            try (NDManager m = NDManager.newBaseManager()) {
                b.initialize(m, DataType.FLOAT32, new Shape(1, 1, 12, 12));
                Block linear = b.getChildren().get(4).getValue();
                float[] w = linear.getDirectParameters().get("weight").getArray().toFloatArray();
                double maxAbs = 0;
                double sumSq = 0;
                for (float v : w) {
                    maxAbs = Math.max(maxAbs, Math.abs(v));
                    sumSq += v * v;
                }
                int fanIn = 4 * 6 * 6;
                switch (name) {
                    case "init-xavier" -> assertTrue(maxAbs <= Math.sqrt(6.0 / (fanIn + 10)) + 1e-6, name + " " + maxAbs);
                    // Orthonormal rows times sqrt(2): each of the 10 rows has squared norm 2.
                    case "init-orthogonal" -> assertEquals(20, sumSq, 1e-3);
                    default -> assertEquals(2.0 / fanIn, sumSq / w.length, 0.5 * 2.0 / fanIn);
                }
            }
        }
    }

    @Test
    void initializationTrains() throws Exception {
        RunRecord r = TinyRuns.train(TinyRuns.convNet(), "init-orthogonal", TinyRuns.config(2));
        assertTrue(r.metrics().testAccuracy() > 0.3, "accuracy " + r.metrics().testAccuracy());
    }

    @Test
    void noBatchNormRemovesEveryBatchNormOfTheCnn() {
        Block cnn = ModelZoo.build("cnn");
        assertEquals(4, count(cnn, BatchNorm.class));
        Block rebuilt = NoBatchNorm.withoutBatchNorm(cnn);
        assertEquals(0, count(rebuilt, BatchNorm.class));
        assertEquals(cnn.getChildren().size() - 4, rebuilt.getChildren().size());
        assertEquals(count(cnn, Linear.class), count(rebuilt, Linear.class));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> NoBatchNorm.withoutBatchNorm(ModelZoo.build("mlp")))
                .getMessage().contains("no batch norm"));
    }

    @Test
    void noBatchNormTrains() throws Exception {
        RunRecord r = TinyRuns.train(TinyRuns.convNet(), "no-batchnorm", TinyRuns.config(2));
        assertFalse(r.model().params() == 0);
        assertTrue(r.metrics().testAccuracy() > 0.3, "accuracy " + r.metrics().testAccuracy());
    }
}
