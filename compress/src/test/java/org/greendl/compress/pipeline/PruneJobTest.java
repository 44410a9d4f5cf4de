package org.greendl.compress.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.greendl.compress.prune.MagnitudePruningConfig;
import org.greendl.compress.prune.PruningMasks;
import org.greendl.compress.prune.PruningScope;
import org.greendl.compress.prune.StructuredPruningConfig;
import org.greendl.data.FashionMnist;
import org.greendl.data.FashionMnistOptions;
import org.greendl.data.FashionMnistSplits;
import org.greendl.meter.TrackerConfig;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.testing.OutsideMaven;
import org.greendl.train.ModelStore;
import org.greendl.train.ProgressMode;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The prune job as a Java caller uses it, on a tiny Fashion-MNIST subset. */
class PruneJobTest {
    @TempDir static Path dir;
    static Path baseline;
    static RunRecord baselineRecord;

    @BeforeAll
    static void trainATinyBaseline() throws Exception {
        baseline = dir.resolve("cnn");
        FashionMnistSplits data = OutsideMaven.get("Fashion-MNIST", () -> FashionMnist.load(
                FashionMnistOptions.defaults().withLimits(128, 64).withAllowDownload(false)));
        TrainingConfig cfg = TrainingConfig.builder().setEpochs(1).optOutputDir(baseline).optModelName("cnn")
                .optKind("train").optProgress(ProgressMode.NONE)
                .optTracker(TrackerConfig.builder().optOutputDir(null).build()).build();
        try (TrainingSession s = new TrainingSession(cfg)) {
            baselineRecord = s.train(ModelZoo.build("cnn"), data.train(), data.validation(), data.test());
        }
    }

    private static CompressionSettings settings(String out) {
        return CompressionSettings.defaults(dir.resolve(out)).withLimits(128, 64).withProgress(ProgressMode.NONE);
    }

    @Test
    void magnitudePruningWritesASparseModelItsMasksAndARecordNamingItsParent() throws Exception {
        PruneSettings prune = PruneSettings.magnitude(MagnitudePruningConfig.of(0.9, PruningScope.GLOBAL));
        CompressionResult r = PruneJob.run(baseline, prune, settings("sparse"));
        assertEquals("prune", r.record().kind());
        assertEquals(baselineRecord.id(), r.record().parent());
        assertEquals("cnn-sparse", r.record().model().name());
        assertEquals(0.9, r.record().model().sparsity(), 0.02);
        assertEquals("oneshot", r.record().config().get("schedule"));
        assertTrue(Files.isRegularFile(r.out().resolve(PruningMasks.FILE)));
        assertEquals(r.record().id(), ModelStore.load(r.out()).record().id(), "run.json is the returned record");
    }

    @Test
    void structuredPruningWithoutFineTuningRebuildsASmallerModel() throws Exception {
        PruneSettings prune = PruneSettings.structured(StructuredPruningConfig.of(0.5)).withFineTuning(0, 0.0005);
        CompressionResult r = PruneJob.run(baseline, prune, settings("channels"));
        assertTrue(r.record().model().params() < baselineRecord.model().params() / 2, r.record().model().toString());
        assertEquals("l1", r.record().config().get("criterion"));
        try (SavedModel again = ModelStore.load(r.out())) {
            assertEquals("cnn-channels", again.record().model().name());
        }
    }

    @Test
    void settingsRefuseWhatTheJobCannotDo() {
        MagnitudePruningConfig cfg = MagnitudePruningConfig.of(0.9, PruningScope.GLOBAL);
        assertThrows(IllegalArgumentException.class, () -> PruneSettings.magnitude(cfg).withGradual(true)
                .withFineTuning(0, 0.0005));
        assertThrows(IllegalArgumentException.class, () -> new PruneSettings(null, null, false, 1, 0.0005));
        assertThrows(IllegalArgumentException.class, () -> CompressionSettings.defaults(dir).withBatch(0));
    }
}
