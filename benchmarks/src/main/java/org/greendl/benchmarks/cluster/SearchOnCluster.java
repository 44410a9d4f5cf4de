package org.greendl.benchmarks.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Predicts a finished search's wall time and energy on more executors ({@link ClusterSimulator}): reads
 * {@code search.json} and each trial's run.json (its wall time; for a trial continuing the rung below, the share of
 * the epochs it added), then prints one Markdown row per executor count.
 *
 * <p>Arguments: SEARCH_DIR [EXECUTORS,...] [STRAGGLER_P STRAGGLER_FACTOR OVERHEAD_S IDLE_W]
 */
public final class SearchOnCluster {
    private SearchOnCluster() {}

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int[] executors = args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt)
                .toArray() : new int[] {1, 8, 64, 512};
        ClusterSimulator.Model model = args.length > 5 ? new ClusterSimulator.Model(Double.parseDouble(args[2]),
                Double.parseDouble(args[3]), Double.parseDouble(args[4]), Double.parseDouble(args[5]))
                : new ClusterSimulator.Model(0.05, 3, 3, 2);
        ObjectMapper json = new ObjectMapper();
        JsonNode search = json.readTree(dir.resolve("search.json").toFile());
        List<ClusterSimulator.Task> tasks = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        double measuredS = 0;
        double measuredKwh = 0;
        for (JsonNode t : search.get("trials")) {
            JsonNode run = json.readTree(Path.of(t.get("run_dir").asText()).resolve("run.json").toFile());
            int epochs = run.get("epochs").size();
            int resumedAfter = run.path("config").path("resumed_after_epoch").asInt(0);
            double seconds = run.at("/time/wall_s").asDouble() * (epochs - resumedAfter) / Math.max(1, epochs);
            double kwh = t.get("energy_kwh").asDouble();
            tasks.add(new ClusterSimulator.Task(seconds, kwh));
            // A rung: the trials of one epoch budget that start alike (all fresh, or all continuing).
            keys.add(t.get("epochs").asInt() + (resumedAfter > 0 ? "+" : ""));
            measuredS += seconds;
            measuredKwh += kwh;
        }
        List<ClusterSimulator.Rung> rungs = ClusterSimulator.rungs(tasks, keys);
        System.out.printf(Locale.ROOT, "search %s: %d trials in %d rungs; measured one after the other: %.1f s of"
                        + " training, %.6f kWh%n", search.path("method").asText(), tasks.size(), rungs.size(), measuredS,
                measuredKwh);
        System.out.printf(Locale.ROOT, "prediction (model: stragglers p=%.2f x%.1f, %.1f s start-up per task, idle"
                        + " %.1f W per waiting executor; 200 seeded runs)%n", model.stragglerProbability(),
                model.stragglerFactor(), model.taskOverheadS(), model.idleWatts());
        System.out.println("| executors | wall s (median) | wall s (p90) | speed-up | energy kWh (median) | energy vs 1 |"
                + " busy share |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        double[] one = ClusterSimulator.summary(rungs, 1, model, 200);
        for (int e : executors) {
            double[] s = ClusterSimulator.summary(rungs, e, model, 200);
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.2fx | %.6f | %.3f | %.2f |%n", e, s[0], s[1],
                    one[0] / s[0], s[2], s[2] / one[2], s[3]);
        }
    }
}
