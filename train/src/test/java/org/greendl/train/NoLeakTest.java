package org.greendl.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Many training steps must not grow the number of live NDArrays (parameters, gradients and optimizer state are
 * created once; everything else is freed with its batch) nor the process's resident memory.
 */
class NoLeakTest {
    @Test
    void arraysAndResidentMemoryStayFlatOverManySteps() throws Exception {
        List<Integer> arrays = new ArrayList<>();
        List<Long> rss = new ArrayList<>();
        List<Long> heap = new ArrayList<>();
        TrainingListenerAdapter watcher = new TrainingListenerAdapter() {
            private int step;

            @Override
            public void onTrainingBatch(Trainer trainer, BatchData batchData) {
                step++;
                if (step % 25 == 0) {
                    arrays.add(trainer.getModel().getNDManager().getManagedArrays().size());
                    rss.add(residentKb());
                    heap.add(Runtime.getRuntime().totalMemory() / 1024);
                }
            }
        };
        // 6 epochs x 25 steps, with validation each epoch (its batches must be freed too).
        TrainingConfig config = TrainingConfig.builder().setEpochs(6).setBatchSize(16).setLearningRate(0.01)
                .optModelName("tiny").optListeners(List.of(watcher)).build();
        TrainingSession.run(Tiny.model(), Tiny.data(400, 1, 16, true), Tiny.data(64, 2, 32, false), null, config);
        assertEquals(6, arrays.size());
        // From the second sample on, after the first optimizer steps created their state, the count is constant.
        for (int i = 2; i < arrays.size(); i++) {
            assertEquals(arrays.get(1), arrays.get(i), "live NDArrays grew: " + arrays);
        }
        // Native memory: resident growth minus the growth of the Java heap (which the JVM may expand at will,
        // more so when other tests ran before in the same JVM). A leaked step is ~100 kB of tensors.
        int last = rss.size() - 1;
        long growthKb = (rss.get(last) - rss.get(1)) - (heap.get(last) - heap.get(1));
        assertTrue(growthKb < 30_000, "native memory grew " + growthKb + " kB over 100 steps: rss " + rss
                + ", heap " + heap);
    }

    private static long residentKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // not Linux: the array count alone decides
        }
        return 0;
    }
}
