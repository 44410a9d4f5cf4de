package org.greendl.compress.pipeline;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.greendl.compress.lowrank.LowRankFactorization;
import org.greendl.record.RunRecord;
import org.greendl.train.SavedModel;

/**
 * {@code greendl factorize} as a library call: replaces layers by two thin ones from a truncated SVD (metered),
 * fine-tunes, and writes the new model with its run.json.
 */
public final class FactorizeJob {
    private FactorizeJob() {}

    /** @throws IllegalArgumentException when no layer becomes smaller at the chosen rank */
    public static CompressionResult run(Path model, FactorizeSettings f, CompressionSettings settings)
            throws Exception {
        try (CompressionJob job = new CompressionJob(settings, "factorize"); SavedModel source = job.load(model)) {
            RunRecord parent = source.record();
            String name = parent.model().name() + "-lowrank";
            job.data();
            LowRankFactorization.Result r = job.metered(() -> LowRankFactorization.factorize(source.block(),
                    job.batchInput(), job.manager, f.lowRank()));
            if (r.layers().isEmpty()) {
                throw new IllegalArgumentException("no layer became smaller at this rank; lower the rank setting");
            }
            job.extras.put("rank_policy", f.lowRank().policy().toString());
            StringBuilder ranks = new StringBuilder();
            long before = 0;
            long after = 0;
            for (LowRankFactorization.LayerReport l : r.layers().values()) {
                ranks.append(String.format(Locale.ROOT, "%s=%d/%d(energy %.3f) ", l.layer(), l.rank(),
                        l.fullRank(), l.retainedEnergy()));
                before += l.paramsBefore();
                after += l.paramsAfter();
            }
            job.extras.put("ranks", ranks.toString().trim());
            job.extras.put("factorized_weights_before", before);
            job.extras.put("factorized_weights_after", after);
            RunRecord trained = job.fineTune(r.block(), name, parent.id(), f.fineTuneEpochs(), f.learningRate(), null,
                    List.of());
            job.extras.put("parent_test_accuracy", parent.metrics().testAccuracy());
            return new CompressionResult(job.save(r.block(), trained, name), settings.out());
        }
    }
}
