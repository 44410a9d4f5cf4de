package org.greendl.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.greendl.report.ReportWriter;
import org.greendl.report.ReportWriterTest;
import org.greendl.testing.OutsideMaven;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report as a browser shows it: headless Chromium loads index.html and we check the table rows and the
 * charts are there, and that a screenshot shows a drawn page. Needs Chromium (`.ci/run` installs Debian's);
 * without it the test is skipped with the reason printed, or fails under GREENDL_REQUIRE_ALL_TESTS=1.
 */
class BrowserRenderTest {
    @TempDir Path dir;

    @Test
    void chromiumShowsTheSummaryRowsAndTheCharts() throws Exception {
        Optional<HeadlessBrowser> found = HeadlessBrowser.find();
        OutsideMaven.require(found.isPresent(), "Chromium",
                "no chromium on the PATH (Debian: apt-get install chromium, or set GREENDL_CHROMIUM)");
        HeadlessBrowser browser = found.get();
        String inference = ",\"inference\":{\"latency_ms_b1_p50\":0.4,\"latency_ms_b64_p50\":6.1,"
                + "\"throughput_b64\":10000,\"energy_kwh_per_1k\":%s}";
        String bench = "{\"schema\":1,\"quick\":true,\"quick_note\":\"5000 training images, 2 epoch(s)\","
                + "\"best_within_1_point\":{\"variant\":\"int8\",\"accuracy_change_points\":-0.1,"
                + "\"energy_per_inference_vs_baseline\":0.09,\"bytes_vs_baseline\":0.08},\"variants\":["
                + ReportWriterTest.record("a", "train", "cnn", 0.915, 3_500_000, "estimate",
                        inference.formatted("1.2e-6")) + ","
                + ReportWriterTest.record("b", "prune", "cnn-channels", 0.905, 800_000, "estimate",
                        inference.formatted("4e-7")) + ","
                + ReportWriterTest.record("c", "int8", "cnn", 0.914, 280_000, "estimate",
                        inference.formatted("1e-7")) + ","
                + "{\"schema\":1,\"id\":\"d\",\"label\":\"qat-int8\",\"kind\":\"qat\","
                + "\"error\":\"export failed: layer X unsupported\"}]}";
        Files.writeString(dir.resolve("bench.json"), bench);
        Path page = ReportWriter.write(dir);

        String dom = browser.dumpDom(page);
        assertEquals(4, count(dom, "<tr class=\"run"), "one summary row per variant in the rendered page");
        assertEquals(1, count(dom, "<tr class=\"run failed\""), "the failed variant is a row too");
        assertTrue(count(dom, "<img alt=\"pareto-") >= 2, "both Pareto charts are in the page");
        assertTrue(dom.contains("Best variant within 1 point"), "the headline is shown");

        Path png = dir.resolve("screenshot.png");
        browser.screenshot(page, png, 1200, 1600);
        BufferedImage shot = ImageIO.read(png.toFile());
        assertEquals(1200, shot.getWidth());
        assertTrue(distinctColours(shot) > 50, "the screenshot shows a drawn page, not a blank one");
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 7) {
            for (int x = 0; x < img.getWidth(); x += 7) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
