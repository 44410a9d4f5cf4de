package org.greendl.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.greendl.data.spec.DataRecord;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.LoadedData;
import org.greendl.meter.Measurement;
import org.greendl.meter.Tracker;
import org.greendl.meter.TrackerConfig;
import org.greendl.train.Evaluation;
import org.greendl.record.RunRecords;
import org.greendl.train.SavedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code greendl evaluate MODEL_DIR}: test accuracy and loss of a saved model, with the energy it took. */
@Command(name = "evaluate", description = "Evaluate a saved model (a train output folder) on its dataset's test set.")
final class EvaluateCommand implements Callable<Integer> {
    @Mixin VerboseOption verbose;

    @Parameters(paramLabel = "MODEL_DIR", description = "Folder with model.json, model.params and run.json.")
    Path modelDir;

    @Mixin DataOptions data;
    @Mixin ThreadsOption threads;
    @Mixin MeterOptions meterOptions;

    @Option(names = "--batch", defaultValue = "256", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Mixin FormatOption format;

    @Override
    public Integer call() throws Exception {
        threads.apply();
        boolean json = format.json();
        try (SavedModel saved = SavedModels.open(modelDir)) {
            DataRecord recorded = ModelData.recorded(modelDir, saved.record());
            DataRequest request = ModelData.request(data, recorded, modelDir, recorded.options().seed(), batch);
            LoadedData loaded = request.load();
            ModelData.check(recorded, loaded.provenance());
            var test = loaded.test();
            Evaluation.Result result;
            Measurement cost;
            try (Tracker tracker = Tracker.start(meterOptions.applyTo(TrackerConfig.builder()).build())) {
                result = Evaluation.evaluate(saved.block(), test);
                cost = tracker.stop();
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("model_dir", modelDir.toString());
            out.put("model", saved.record().model().name());
            out.put("run_id", saved.record().id());
            out.put("data", request.spec().text());
            out.put("test_accuracy", result.accuracy());
            out.put("test_loss", result.loss());
            out.put("examples", result.examples());
            out.put("recorded_test_accuracy", saved.record().metrics().testAccuracy());
            out.put("energy_kwh", cost.total().kwh());
            out.put("energy_source_cpu", cost.cpuSource());
            out.put("emissions_kg", cost.emissions().kg());
            out.put("wall_s", cost.duration().toNanos() / 1e9);
            if (json) {
                System.out.println(RunRecords.mapper().writeValueAsString(out));
            } else {
                System.out.printf(Locale.ROOT, "%s (%s) on %s: test accuracy %.4f, loss %.4f on %d examples (recorded %s);"
                                + " %.4f Wh (cpu %s), %.1f s%n",
                        saved.record().model().name(), modelDir, request.spec().text(), result.accuracy(), result.loss(), result.examples(),
                        saved.record().metrics().testAccuracy() == null ? "n/a"
                                : String.format(Locale.ROOT, "%.4f", saved.record().metrics().testAccuracy()),
                        cost.total().wh(), cost.cpuSource(), cost.duration().toNanos() / 1e9);
            }
        }
        return 0;
    }
}
