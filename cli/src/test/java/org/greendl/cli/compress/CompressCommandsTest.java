package org.greendl.cli.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Block;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.greendl.cli.Cli;
import org.greendl.compress.Layers;
import org.greendl.compress.prune.PruningMasks;
import org.greendl.record.QatScales;
import org.greendl.data.FashionMnist;
import org.greendl.data.FashionMnistOptions;
import org.greendl.data.FashionMnistSplits;
import org.greendl.meter.TrackerConfig;
import org.greendl.nn.zoo.ModelZoo;
import org.greendl.train.ModelStore;
import org.greendl.train.ProgressMode;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;
import org.greendl.train.TrainingConfig;
import org.greendl.train.TrainingSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.greendl.testing.OutsideMaven;
import picocli.CommandLine;

/**
 * The four verbs end to end on a tiny Fashion-MNIST subset: each writes a model folder that loads again, with a
 * run.json naming its parent and kind; bad input gives one line.
 */
class CompressCommandsTest {
    static final String[] QUICK = {"--limit", "128", "--test-limit", "64", "--progress", "none", "--format", "json"};
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

    static Result run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = Cli.commandLine();
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + QUICK.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(QUICK, 0, all, args.length, QUICK.length);
        int code = cl.execute(all);
        return new Result(code, err.toString().strip());
    }

    record Result(int code, String err) {}

    static RunRecord check(Path out, String kind) throws Exception {
        try (SavedModel m = ModelStore.load(out)) {
            RunRecord r = m.record();
            assertEquals(kind, r.kind());
            assertEquals(baselineRecord.id(), r.parent());
            assertNotNull(r.metrics().testAccuracy());
            assertTrue(r.energy().totalKwh() > 0, "energy of making it is recorded");
            assertTrue(r.model().params() > 0 && r.model().macs() > 0);
            return r;
        }
    }

    @Test
    void pruneUnstructuredWritesASparseModelAndItsMasks() throws Exception {
        Path out = dir.resolve("sparse");
        Result r = run("prune", baseline.toString(), "--sparsity", "0.8", "--scope", "global", "--fine-tune-epochs", "1",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        RunRecord rec = check(out, "prune");
        assertTrue(rec.model().sparsity() > 0.79, "sparsity " + rec.model().sparsity());
        assertTrue(((Number) rec.config().get("effective_macs")).longValue() < rec.model().macs());
        PruningMasks masks = PruningMasks.read(out.resolve(PruningMasks.FILE));
        assertEquals(0.8, masks.sparsity(), 0.01);
        try (SavedModel m = ModelStore.load(out)) {
            assertEquals(0.8, PruningMasks.fromZeros(m.block()).sparsity(), 0.01, "zeros survive save/load");
        }
    }

    @Test
    void pruneStructuredRebuildsASmallerModel() throws Exception {
        Path out = dir.resolve("channels");
        Result r = run("prune", baseline.toString(), "--structured", "--ratio", "0.5", "--fine-tune-epochs", "1",
                "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        RunRecord rec = check(out, "prune");
        assertTrue(rec.model().macs() < 0.35 * 19_094_528L, "MACs " + rec.model().macs());
        try (SavedModel m = ModelStore.load(out)) {
            assertEquals(16 * 9, Layers.find(m.block(), "01Conv2d").weightCount());
        }
    }

    @Test
    void factorizeAndQatAndDistillWriteTheirModels() throws Exception {
        Path lowrank = dir.resolve("lowrank");
        Result f = run("factorize", baseline.toString(), "--rank-ratio", "0.25", "--fine-tune-epochs", "1",
                "--out", lowrank.toString());
        assertEquals(0, f.code(), f.err());
        RunRecord fr = check(lowrank, "factorize");
        assertTrue(fr.model().params() < baselineRecord.model().params() * 0.6, fr.model().toString());

        Path qat = dir.resolve("qat");
        Result q = run("qat", baseline.toString(), "--epochs", "1", "--out", qat.toString());
        assertEquals(0, q.code(), q.err());
        check(qat, "qat");
        QatScales scales = QatScales.read(qat.resolve(QatScales.FILE));
        assertEquals(6, scales.layers().size());
        assertNotNull(scales.layers().get(5).inputScale());

        Path student = dir.resolve("student");
        Result d = run("distill", "--teacher", baseline.toString(), "--student", "lenet5", "--epochs", "1",
                "--out", student.toString());
        assertEquals(0, d.code(), d.err());
        RunRecord dr = check(student, "distill");
        assertEquals("lenet5", dr.model().name());
        try (SavedModel m = ModelStore.load(student)) {
            Block b = m.block();
            assertEquals(5, Layers.weightLayers(b).size(), "the student alone was saved");
        }
    }

    @Test
    void badInputIsOneLine() {
        Result r = run("prune", baseline.toString(), "--sparsity", "1.5", "--out", dir.resolve("x").toString());
        assertEquals(2, r.code());
        assertEquals("greendl: sparsity must be in [0, 1), got 1.5", r.err());
        Result l = run("prune", baseline.toString(), "--layers", "99Conv2d", "--out", dir.resolve("y").toString());
        assertEquals(1, l.code());
        assertTrue(l.err().startsWith("greendl: no layer named '99Conv2d'; layers with weights: 01Conv2d,"), l.err());
        assertEquals(1, l.err().lines().count());
        Result m = run("prune", dir.resolve("missing").toString(), "--out", dir.resolve("z").toString());
        assertEquals(2, m.code(), "not a model folder: a bad argument, as in evaluate, export and bench");
        assertTrue(m.err().contains("not a greendl model folder"), m.err());
        Result s = run("distill", "--teacher", baseline.toString(), "--student", "nope", "--out", dir.resolve("w").toString());
        assertEquals(2, s.code());
        assertTrue(s.err().startsWith("greendl: unknown model 'nope'"), s.err());
        Result t = run("distill", "--teacher", baseline.toString(), "--student", "lenet5", "--alpha", "2",
                "--out", dir.resolve("v").toString());
        assertEquals("greendl: alpha must be in [0, 1], got 2.0", t.err());
    }
}
