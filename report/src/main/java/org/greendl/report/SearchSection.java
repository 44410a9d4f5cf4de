package org.greendl.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The part of the page for a hyper-parameter search summary ({@code search.json}). */
final class SearchSection {
    private SearchSection() {}

    static void render(JsonNode search, StringBuilder h) {
        h.append("<section id=\"search\"><h2>Hyper-parameter search · ")
                .append(Html.esc(search.path("method").asText("?"))).append("</h2>");
        JsonNode total = search.path("total_energy_kwh");
        if (total.isNumber()) {
            h.append("<p>Total energy of the search: <b>").append(Html.num(total.asDouble() * 1000, "%.3f Wh"))
                    .append("</b>.</p>");
        }
        JsonNode best = search.path("best");
        if (best.isObject()) {
            h.append("<p>Best configuration: <code>").append(Html.esc(best.path("config").toString()))
                    .append("</code>, validation accuracy ")
                    .append(Html.percent(RunRecordReader.num(best.path("metrics"), "validation_accuracy")))
                    .append(", test accuracy ")
                    .append(Html.percent(RunRecordReader.num(best.path("metrics"), "test_accuracy"))).append("</p>");
        }
        List<Charts.Point> points = new ArrayList<>();
        h.append("<table id=\"trials\"><thead><tr><th>Trial</th><th>Config</th><th>Epochs</th>")
                .append("<th>Validation accuracy</th><th>Energy</th></tr></thead><tbody>");
        int i = 0;
        for (JsonNode t : search.path("trials")) {
            i++;
            Double acc = RunRecordReader.num(t.path("metrics"), "validation_accuracy");
            Double e = RunRecordReader.num(t, "energy_kwh");
            h.append("<tr class=\"trial\"><td>").append(i).append("</td><td><code>")
                    .append(Html.esc(t.path("config").toString())).append("</code></td><td>")
                    .append(Html.esc(t.path("epochs").asText("–"))).append("</td><td>").append(Html.percent(acc))
                    .append("</td><td>").append(Html.num(e == null ? null : e * 1000, "%.3f Wh"))
                    .append("</td></tr>");
            if (acc != null && e != null) {
                points.add(new Charts.Point("trial " + i, e * 1000, acc * 100));
            }
        }
        h.append("</tbody></table>");
        if (!points.isEmpty()) {
            h.append("<div class=\"charts\">").append(HtmlReport.chart("search-trials",
                    Charts.scatter("Trials: validation accuracy vs energy", "Wh", "validation accuracy (%)",
                            points, false))).append("</div>");
        }
        h.append("</section>\n");
    }
}
