package org.greendl.compress.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.greendl.compress.Layers;
import org.greendl.compress.Params;
import org.greendl.compress.TinyModels;
import org.greendl.compress.Training;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.greendl.record.QatScales;

class QatTest {

    @Test
    void weightsLandOnA255LevelGridPerChannelAndGradientsPassStraightThrough() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] w = new float[2 * 50];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) Math.sin(i) * (i < 50 ? 1f : 0.01f); // two channels, very different ranges
            }
            NDArray weight = m.create(w, new Shape(2, 50));
            weight.setRequiresGradient(true);
            NDArray q;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                q = FakeQuant.weight(weight, m);
                gc.backward(q.mul(3).sum());
            }
            float[] qv = q.toFloatArray();
            float[] scales = FakeQuant.weightScales(w, 2);
            for (int c = 0; c < 2; c++) {
                Set<Float> levels = new HashSet<>();
                for (int i = c * 50; i < (c + 1) * 50; i++) {
                    assertEquals(w[i], qv[i], scales[c] / 2 + 1e-7, "rounding error below half a step");
                    float code = qv[i] / scales[c];
                    assertEquals(Math.round(code), code, 1e-3, "on the grid");
                    levels.add((float) Math.round(code));
                }
                assertTrue(levels.stream().allMatch(l -> Math.abs(l) <= 127));
            }
            assertArrayEquals(new float[100], subtract(weight.getGradient().toFloatArray(), 3f), 1e-6f,
                    "straight-through: d(3 q)/dw = 3");
            FakeQuant.Affine a = FakeQuant.Affine.of(0.5f, 6f); // widened to hold 0
            assertEquals(0, a.zeroPoint());
            assertEquals(6f / 255, a.scale(), 1e-7);
            NDArray act = FakeQuant.activation(m.create(new float[] {-1f, 0f, 3.01f, 7f}), a);
            assertArrayEquals(new float[] {0f, 0f, Math.round(3.01f / a.scale()) * a.scale(), 6f}, act.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void fakeQuantizedModelTrainsTheOriginalAndItsScalesSurviveSaveAndLoad(@TempDir Path dir) throws Exception {
        // Seeded: the initial weights otherwise depend on which tests drew from the engine's generator before.
        ai.djl.engine.Engine.getInstance().setRandomSeed(7);
        try (NDManager m = NDManager.newBaseManager()) {
            ArrayDataset data = Training.data(m, 96, TinyModels.IMAGE, 1);
            Block model = TinyModels.plain(TinyModels.cnn(), m, TinyModels.IMAGE);
            Training.train(model, data, TinyModels.IMAGE, 3, Loss.softmaxCrossEntropyLoss());
            float fp32 = Training.accuracy(model, data);
            float[] before = Params.values(Layers.find(model, "04Conv2d").weight());
            Block wrapped = Qat.wrap(model, QatConfig.defaults());
            wrapped.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, TinyModels.IMAGE);
            float qat = Training.train(wrapped, data, TinyModels.IMAGE, 2, Loss.softmaxCrossEntropyLoss());
            assertNotEquals(before[0], Params.values(Layers.find(model, "04Conv2d").weight())[0],
                    "training the view trains the original");
            assertTrue(qat >= fp32 - 0.1, "fake-quantized accuracy " + qat + " vs fp32 " + fp32);

            QatScales scales = Qat.scales(wrapped);
            assertEquals(4, scales.layers().size());
            assertNotNull(scales.layers().get(1).inputScale());
            scales.write(dir.resolve(QatScales.FILE));
            QatScales loaded = QatScales.read(dir.resolve(QatScales.FILE));
            assertEquals(scales.layers().get(2).inputZeroPoint(), loaded.layers().get(2).inputZeroPoint());
            assertArrayEquals(scales.layers().get(0).weightScales(), loaded.layers().get(0).weightScales());

            Block again = Qat.wrap(model, QatConfig.defaults());
            Qat.restore(again, loaded);
            NDArray x = TinyModels.input(m, TinyModels.IMAGE, 3);
            assertArrayEquals(TinyModels.predict(wrapped, m, x), TinyModels.predict(again, m, x), 1e-5f);
            assertThrows(IllegalArgumentException.class, () -> Qat.restore(Qat.wrap(TinyModels.plain(
                    TinyModels.residual(), m, TinyModels.IMAGE), QatConfig.defaults()), loaded));
        }
    }

    static float[] subtract(float[] v, float c) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] - c;
        }
        return out;
    }
}
