package org.greendl.train.nas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.greendl.data.spec.DataOptions;
import org.greendl.data.spec.DataRequest;
import org.greendl.data.spec.DataSpec;
import org.greendl.meter.TrackerConfig;
import org.greendl.meter.TrackingMode;
import org.greendl.nn.spec.ModelSpec;
import org.greendl.train.ModelStore;
import org.greendl.train.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SupernetSearchTest {
    @TempDir Path tmp;

    /** Three classes of 8x8 gray images, each bright in its own band of rows. */
    private Path folder() throws IOException {
        Path root = tmp.resolve("bands");
        Random r = new Random(1);
        for (int c = 0; c < 3; c++) {
            Files.createDirectories(root.resolve("class" + c));
            for (int i = 0; i < 24; i++) {
                BufferedImage im = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        int v = (y / 3 == c ? 200 : 30) + r.nextInt(40);
                        im.getRaster().setSample(x, y, 0, v);
                    }
                }
                ImageIO.write(im, "png", root.resolve("class" + c).resolve(i + ".png").toFile());
            }
        }
        return root;
    }

    private static TrackerConfig meter(Path dir) {
        return TrackerConfig.builder().optOutputDir(dir).optShutdownHook(false).optGpu(false)
                .optTrackingMode(TrackingMode.PROCESS).build();
    }

    @Test
    void phasesRunInOrderAndTheFrontIsSavedAsOrdinaryModels() throws IOException {
        Path data = folder();
        DataRequest request = new DataRequest(DataSpec.parse("folder:" + data),
                DataOptions.defaults().withCacheDir(tmp.resolve("cache")).withBatchSize(8));
        NasSpace space = NasSpace.parse(SupernetTest.SPACE);
        NasSettings settings = new NasSettings(NasSettings.Method.SUPERNET, 3, 1, 2, 1, 4, null, 1.0, 1);
        Path out = tmp.resolve("out");
        List<String> lines = new ArrayList<>();
        JsonNode record = new SupernetSearch(space, settings, new SupernetSettings(new int[] {1, 1, 1, 1}, 1, 0.5, 2),
                request, null, out, SupernetSearchTest::meter, meter(null)).optBaseline("cnn").run(lines::add);

        assertEquals("completed", record.get("stop_reason").asText());
        JsonNode phases = record.at("/supernet/phases");
        assertEquals(4, phases.size());
        String[] order = {"largest", "kernel", "depth", "width"};
        double phaseKwh = 0;
        for (int i = 0; i < 4; i++) {
            assertEquals(order[i], phases.get(i).get("phase").asText());
            assertEquals(1, phases.get(i).get("epochs").asInt());
            assertTrue(phases.get(i).get("energy_kwh").asDouble() > 0, phases.get(i).toString());
            phaseKwh += phases.get(i).get("energy_kwh").asDouble();
        }
        assertEquals(phaseKwh, record.at("/energy/supernet_training_kwh").asDouble(), 1e-12);
        assertEquals(3, record.get("candidates").size());
        JsonNode be = record.get("break_even");
        assertEquals("cnn", be.at("/baseline/model").asText(), String.valueOf(be));
        assertEquals(record.get("pareto_front").size(), be.get("front").size());
        assertEquals(record.at("/energy/search_kwh").asDouble(), be.get("search_kwh").asDouble(), 0.0);
        assertTrue(record.get("pareto_front").size() >= 1);
        for (JsonNode c : record.get("candidates")) {
            assertTrue(c.has("latency_ms") && c.has("energy_per_inference_mj"), c.toString());
            if (!c.get("pareto").asBoolean()) {
                assertFalse(c.has("finetune"));
                continue;
            }
            // The fine-tuned sub-network is an ordinary model folder whose architecture is the candidate's spec.
            Path dir = Path.of(c.at("/finetune/model").asText());
            try (SavedModel m = ModelStore.load(dir)) {
                ModelSpec saved = m.spec();
                ModelSpec candidate = ModelSpec.parse(Files.readString(Path.of(c.get("spec").asText())));
                assertEquals(NasSpace.JSON.readTree(candidate.toJson()).get("layers"),
                        NasSpace.JSON.readTree(saved.toJson()).get("layers"));
            }
        }
        // A rerun finds every phase, candidate and fine-tuning done and spends nothing.
        JsonNode again = new SupernetSearch(space, settings, new SupernetSettings(new int[] {1, 1, 1, 1}, 1, 0.5, 2),
                request, null, out, SupernetSearchTest::meter, meter(null)).optBaseline("cnn").run(s -> { });
        assertEquals(0.0, again.at("/energy/this_run_kwh").asDouble(), "nothing measured again, the baseline neither");
        assertEquals(record.get("pareto_front"), again.get("pareto_front"));
        // Other settings in the same folder are refused before any work.
        String why = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new SupernetSearch(space, settings, new SupernetSettings(new int[] {2, 1, 1, 1}, 1, 0.5, 2),
                        request, null, out, SupernetSearchTest::meter, meter(null)).run(s -> { })).getMessage();
        assertTrue(why.contains("phase_epochs [1,1,1,1], this run asks [2,1,1,1]"), why);
    }
}
