package org.greendl.compress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.greendl.compress.lowrank.LowRankConfig;
import org.greendl.compress.lowrank.LowRankFactorization;
import org.greendl.compress.lowrank.RankPolicy;
import org.greendl.compress.prune.StructuredPruning;
import org.greendl.compress.prune.StructuredPruningConfig;
import org.greendl.nn.spec.BlockSpecs;
import org.greendl.nn.zoo.ModelZoo;
import org.junit.jupiter.api.Test;

/** The techniques on the zoo's real cnn, and their outputs rebuilt from BlockSpecs (what ModelStore saves). */
class ZooModelsTest {
    static final Shape INPUT = new Shape(2, 1, 28, 28);

    @Test
    void structuredPruningOfTheZooCnnHalvesChannelsAndRemovesMostMacs() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block cnn = ModelZoo.build("cnn");
            cnn.initialize(m, DataType.FLOAT32, INPUT);
            Costs dense = Costs.of(cnn, INPUT);
            StructuredPruning.Result r = StructuredPruning.prune(cnn, INPUT, m, StructuredPruningConfig.of(0.5));
            Costs pruned = Costs.of(r.block(), INPUT);
            assertEquals("16/32", r.describe("01Conv2d"));
            assertEquals("32/64", r.describe("11Conv2d"));
            assertEquals("128/256", r.describe("16Linear"));
            assertEquals("10/10", r.describe("19Linear"));
            assertTrue(pruned.macs() < dense.macs() * 0.3, pruned + " vs " + dense);
            assertRoundTrips(r.block(), m);
        }
    }

    @Test
    void factorizedZooCnnRoundTripsThroughBlockSpecs() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block cnn = ModelZoo.build("cnn");
            cnn.initialize(m, DataType.FLOAT32, INPUT);
            LowRankFactorization.Result r = LowRankFactorization.factorize(cnn, INPUT, m,
                    LowRankConfig.linear(RankPolicy.params(0.4)));
            LowRankFactorization.LayerReport fc = r.layers().get("16Linear");
            assertTrue(fc.paramsAfter() * 2 < fc.paramsBefore(), fc.toString());
            assertRoundTrips(r.block(), m);
        }
    }

    static void assertRoundTrips(Block block, NDManager m) throws IOException {
        Block rebuilt = BlockSpecs.fromJson(BlockSpecs.toJson(block));
        rebuilt.initialize(m, DataType.FLOAT32, INPUT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        }
        try {
            rebuilt.loadParameters(m, new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException(e);
        }
        NDArray x = TinyModels.input(m, INPUT, 11);
        assertArrayEquals(TinyModels.predict(block, m, x), TinyModels.predict(rebuilt, m, x), 1e-5f);
    }
}
