package org.greendl.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The part of the page for an architecture search ({@code nas.json}): its candidates and Pareto front, accuracy
 * against energy per inference, drawn with the bench's other models (the hand-designed zoo models among them) on
 * the same axes.
 */
final class NasSection {
    private NasSection() {}

    /**
     * The searches to draw: the folder's own {@code nas.json}, and the search behind every bench variant that names
     * one ({@code nas.search}).
     */
    static List<JsonNode> find(Path dir, List<RunSummary> runs) {
        List<JsonNode> out = new ArrayList<>();
        if (Files.isRegularFile(dir.resolve("nas.json"))) {
            out.add(RunRecordReader.readTree(dir.resolve("nas.json")));
        }
        for (RunSummary r : runs) {
            JsonNode search = r.node() == null ? null : r.node().at("/nas/search");
            if (search != null && search.isTextual()) {
                Path file = Path.of(search.asText()).resolve("nas.json");
                if (Files.isRegularFile(file)) {
                    out.add(RunRecordReader.readTree(file));
                }
            }
        }
        return out;
    }

    static void render(JsonNode nas, List<RunSummary> runs, StringBuilder h) {
        h.append("<section id=\"nas\"><h2>Architecture search · ").append(Html.esc(nas.path("method").asText("?")))
                .append("</h2>");
        h.append("<p>").append(nas.path("candidates").size()).append(" candidate(s), Pareto front ")
                .append(Html.esc(nas.path("pareto_front").toString())).append(", hypervolume ")
                .append(Html.num(nas.at("/hypervolume/value").asDouble(), "%.4f")).append("; the search's energy <b>")
                .append(Html.num(nas.at("/energy/search_kwh").asDouble() * 1000, "%.4f Wh")).append("</b>.</p>");
        List<Charts.Point> cloud = new ArrayList<>();
        List<Charts.Point> front = new ArrayList<>();
        for (JsonNode c : nas.path("candidates")) {
            double acc = c.at("/finetune/validation_accuracy").asDouble(c.path("validation_accuracy").asDouble()) * 100;
            double mj = c.at("/energy_per_inference_mj/batch_1").asDouble();
            Charts.Point p = new Charts.Point(c.path("key").asText(), mj, acc);
            (c.path("pareto").asBoolean() ? front : cloud).add(p);
        }
        front.sort(Comparator.comparingDouble(Charts.Point::x));
        List<Charts.Point> models = new ArrayList<>();
        for (RunSummary r : runs) {
            if (r.failed() || r.testAccuracy() == null || r.inference() == null
                    || r.inference().energyKwhPer1k() == null) {
                continue;
            }
            // kWh per 1,000 inferences x 3.6e6 J/kWh = J per 1,000 = mJ per inference
            models.add(new Charts.Point(r.label(), r.inference().energyKwhPer1k() * 3.6e6, r.testAccuracy() * 100));
        }
        h.append("<div class=\"charts\">").append(HtmlReport.chart("nas-front", Charts.front(
                "Architecture search: accuracy vs energy per inference", "mJ per inference (log)", "accuracy (%)",
                cloud, front, models))).append("</div>");
        h.append("<p class=\"sub\">Candidates: validation accuracy (the supernet's front after fine-tuning) and the"
                + " search's energy per inference, ONNX Runtime at batch 1. Named models: the bench's variants, test"
                + " accuracy and the bench's own inference measurement. Both energies are the meter's figures (estimates"
                + " where the meter estimates); compare within a series before across.</p>");
        breakEven(nas.get("break_even"), h);
        h.append("</section>\n");
    }

    /** When the search repays itself: each front network's energy saving against the baseline, in inferences. */
    static void breakEven(JsonNode be, StringBuilder h) {
        if (be == null || !be.has("baseline")) {
            return;
        }
        JsonNode b = be.get("baseline");
        h.append("<h3>Break-even against ").append(Html.esc(b.path("model").asText())).append("</h3>");
        h.append("<p>Baseline ").append(Html.esc(b.path("model").asText())).append(" measured in the same runtime: ")
                .append(Html.num(b.at("/energy_per_inference_mj/batch_1").asDouble(), "%.4g mJ")).append(" per inference, ")
                .append(Html.num(b.at("/latency_ms/batch_1").asDouble(), "%.4g ms")).append(" at batch 1. The search's")
                .append(" energy ").append(Html.num(be.path("search_kwh").asDouble() * 1000, "%.4f Wh")).append(".");
        JsonNode c = be.get("chosen");
        if (c != null) {
            h.append(" The chosen network <b>").append(Html.esc(c.path("key").asText())).append("</b> repays it ")
                    .append(c.path("inferences").isNumber()
                            ? "after <b>" + Html.num(c.get("inferences").asDouble(), "%,.0f") + "</b> inferences"
                            : "<b>never</b> (it saves nothing per inference)").append(".");
        }
        h.append("</p><table><tr><th>network</th><th>validation accuracy</th><th>mJ per inference</th>"
                + "<th>x baseline</th><th>saving mJ</th><th>break-even (inferences)</th></tr>");
        for (JsonNode f : be.path("front")) {
            h.append("<tr><td>").append(Html.esc(f.path("key").asText())).append("</td><td>")
                    .append(Html.num(f.path("validation_accuracy").asDouble(), "%.4f")).append("</td><td>")
                    .append(Html.num(f.path("energy_per_inference_mj").asDouble(), "%.4g")).append("</td><td>")
                    .append(Html.num(f.path("energy_ratio").asDouble(), "%.3f")).append("</td><td>")
                    .append(Html.num(f.path("saving_mj_per_inference").asDouble(), "%.4g")).append("</td><td>")
                    .append(f.path("inferences").isNumber() ? Html.num(f.get("inferences").asDouble(), "%,.0f") : "never")
                    .append("</td></tr>");
        }
        h.append("</table><p class=\"sub\">").append(Html.esc(be.path("how").asText())).append(".</p>");
    }
}
