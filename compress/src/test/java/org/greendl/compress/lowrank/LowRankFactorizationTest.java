package org.greendl.compress.lowrank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.Set;
import org.greendl.compress.Layers;
import org.greendl.compress.Params;
import org.greendl.compress.TinyModels;
import org.greendl.compress.Training;
import org.junit.jupiter.api.Test;

class LowRankFactorizationTest {

    @Test
    void exactWhenTheWeightsHaveLowRank() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.init(TinyModels.cnn(), m, TinyModels.IMAGE, 1);
            // Linear 8 x 96 and conv 6 x (4*3*3) set to rank-2 matrices: rank 2 reproduces them exactly.
            Parameter lw = Layers.find(model, "09Linear").weight();
            Params.set(lw, SvdTest.rankTwo(8, 96, 2));
            Parameter cw = Layers.find(model, "04Conv2d").weight();
            Params.set(cw, SvdTest.rankTwo(6, 36, 3));
            NDArray x = TinyModels.input(m, TinyModels.IMAGE, 4);
            float[] before = TinyModels.predict(model, m, x);
            LowRankFactorization.Result r = LowRankFactorization.factorize(model, TinyModels.IMAGE, m,
                    new LowRankConfig(RankPolicy.energy(0.999999), Set.of("09Linear", "04Conv2d"), false));
            assertArrayEquals(before, TinyModels.predict(r.block(), m, x), 1e-3f);
            assertEquals(2, r.layers().get("09Linear").rank());
            assertEquals(8 * 96, r.layers().get("09Linear").paramsBefore());
            assertEquals(2 * (8 + 96), r.layers().get("09Linear").paramsAfter());
            assertEquals(2, r.layers().get("04Conv2d").rank());
            // Linear(96->8) became Sequential(Linear(96->2, no bias), Linear(2->8))
            assertTrue(r.block().getChildren().get(8).getValue() instanceof SequentialBlock);
            assertEquals(Params.count(model) - 8 * 96 + 2 * 104 - 6 * 36 + 2 * 42, Params.count(r.block()));
        }
    }

    @Test
    void defaultsFactorizeHiddenLinearsOnlyAndTheModelStillTrainsAndReloads() throws Exception {
        // Seeded: an unlucky initialisation behind the rank-2 bottleneck can leave every gradient zero.
        ai.djl.engine.Engine.getInstance().setRandomSeed(7);
        try (NDManager m = NDManager.newBaseManager()) {
            ArrayDataset data = Training.data(m, 96, TinyModels.IMAGE, 5);
            Block model = TinyModels.plain(TinyModels.cnn(), m, TinyModels.IMAGE);
            Training.train(model, data, TinyModels.IMAGE, 2, Loss.softmaxCrossEntropyLoss());
            LowRankFactorization.Result r = LowRankFactorization.factorize(model, TinyModels.IMAGE, m,
                    LowRankConfig.linear(RankPolicy.ratio(0.25)));
            assertEquals(Set.of("09Linear"), r.layers().keySet(), "the output layer stays whole");
            assertEquals(2, r.layers().get("09Linear").rank());
            float acc = Training.train(r.block(), data, TinyModels.IMAGE, 2, Loss.softmaxCrossEntropyLoss());
            assertTrue(acc > 0.6, "fine-tuned factorized model learns: " + acc);
            // parameters round-trip into the same structure
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                r.block().saveParameters(out);
            }
            Block again = LowRankFactorization.factorize(model, TinyModels.IMAGE, m,
                    LowRankConfig.linear(RankPolicy.ratio(0.25))).block();
            NDArray x = TinyModels.input(m, TinyModels.IMAGE, 6);
            assertNotEquals(TinyModels.predict(r.block(), m, x)[0], TinyModels.predict(again, m, x)[0]);
            again.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
            assertArrayEquals(TinyModels.predict(r.block(), m, x), TinyModels.predict(again, m, x), 1e-6f);
        }
    }

    @Test
    void badInputIsAOneLineError() {
        assertEquals("rank ratio must be in (0, 1], got 0.0",
                assertThrows(IllegalArgumentException.class, () -> RankPolicy.ratio(0)).getMessage());
        try (NDManager m = NDManager.newBaseManager()) {
            Block model = TinyModels.init(TinyModels.cnn(), m, TinyModels.IMAGE, 1);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LowRankFactorization.factorize(model, TinyModels.IMAGE, m,
                            new LowRankConfig(RankPolicy.ratio(0.5), Set.of("fc9"), false)));
            assertTrue(e.getMessage().startsWith("no layer named 'fc9'"), e.getMessage());
        }
    }
}
