package org.greendl.compress.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import java.util.List;
import java.util.Map;
import org.greendl.compress.Layers;
import org.greendl.compress.Params;
import org.greendl.compress.TinyModels;
import org.greendl.compress.Training;
import org.junit.jupiter.api.Test;

class LotteryAndSensitivityTest {

    @Test
    void sensitivityPrunesOneLayerAtATimeAndRestoresTheWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArrayDataset data = Training.data(m, 64, TinyModels.IMAGE, 1);
            Block model = TinyModels.plain(TinyModels.cnn(), m, TinyModels.IMAGE);
            Training.train(model, data, TinyModels.IMAGE, 3, Loss.softmaxCrossEntropyLoss());
            float[] before = Params.values(Layers.find(model, "09Linear").weight());
            Map<String, Map<Double, Double>> curves = Sensitivity.analyze(model, List.of(0.0, 0.99),
                    b -> Training.accuracy(b, data));
            assertEquals(List.of("01Conv2d", "04Conv2d", "09Linear", "12Linear"), List.copyOf(curves.keySet()));
            double dense = Training.accuracy(model, data);
            for (Map<Double, Double> c : curves.values()) {
                assertEquals(dense, c.get(0.0), 1e-9, "sparsity 0 changes nothing");
            }
            assertTrue(curves.get("12Linear").get(0.99) < dense, "the output layer at 99% hurts");
            assertEquals(before[3], Params.values(Layers.find(model, "09Linear").weight())[3], "restored");
        }
    }

    @Test
    void lotteryTicketReachesTheTargetWithRewoundSurvivors() {
        try (NDManager m = NDManager.newBaseManager()) {
            ArrayDataset data = Training.data(m, 64, TinyModels.IMAGE, 2);
            Block model = TinyModels.plain(TinyModels.cnn(), m, TinyModels.IMAGE);
            WeightSnapshot init = WeightSnapshot.of(model);
            float[] initLinear = Params.values(Layers.find(model, "09Linear").weight());
            int[] trainings = {0};
            LotteryTicket.Result r = LotteryTicket.find(model, init, 0.75, 2, PruningScope.GLOBAL, (b, masks) -> {
                trainings[0]++;
                if (trainings[0] <= 2) { // check the rewind before the ticket is trained
                    float[] now = Params.values(Layers.find(b, "09Linear").weight());
                    for (int i = 0; i < now.length; i++) {
                        assertTrue(now[i] == 0 || now[i] == initLinear[i], "survivors hold their initial values");
                    }
                }
                Training.train(b, data, TinyModels.IMAGE, 2, Loss.softmaxCrossEntropyLoss(), new MaskingListener(masks));
            }, b -> Training.accuracy(b, data));
            assertEquals(3, trainings[0]);
            assertEquals(1 - Math.sqrt(0.25), r.rounds().get(0).sparsity(), 0.01);
            assertEquals(0.75, r.masks().sparsity(), 0.01);
            assertEquals(0.75, PruningMasks.fromZeros(model).sparsity(), 0.01);
            assertTrue(r.rounds().get(2).metric() > 0.5, "the ticket trains: " + r.rounds().get(2).metric());
        }
    }
}
