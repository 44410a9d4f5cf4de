package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.greendl.deploy.runtime.LabelledImages;
import org.greendl.deploy.runtime.SessionSettings;
import org.greendl.deploy.runtime.TrackerEnergyMeter;

/** The bench's {@link BenchRunner.Measurer}: opens every finished variant's model and serves them side by side. */
final class ServingCost implements BenchRunner.Measurer {
    /** Test images cycled through while timing (a multiple of 64). */
    static final int IMAGES = 4096;
    private final BenchSettings settings;
    private final PrintStream log;

    ServingCost(BenchSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    @Override
    public Map<String, ObjectNode> measure(Map<String, ObjectNode> finished) throws Exception {
        LabelledImages images = LabelledImages.of(settings.data().splits().test(), IMAGES);
        Map<String, ServedModel> models = new LinkedHashMap<>();
        try (TrackerEnergyMeter meter = TrackerEnergyMeter.processShare()) {
            for (Map.Entry<String, ObjectNode> e : finished.entrySet()) {
                String runtime = e.getValue().at("/artifact/runtime").asText("");
                String path = e.getValue().at("/artifact/path").asText("");
                String level = e.getValue().at("/artifact/graph_optimization").asText("all");
                if (!runtime.isEmpty() && !path.isEmpty()) {
                    models.put(e.getKey(), ServedModel.open(runtime, Path.of(path), settings.threads(),
                            images.sampleShape(), SessionSettings.Optimization.valueOf(
                                    level.toUpperCase(java.util.Locale.ROOT))));
                }
            }
            return InferenceBench.measure(models, images, settings.inference(), settings.threads(), meter, log);
        } finally {
            models.values().forEach(ServedModel::close);
        }
    }
}
