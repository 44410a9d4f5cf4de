package org.greendl.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Renders a {@link RunFolder} as one self-contained HTML page (inline CSS and charts, no scripts, no network). */
public final class HtmlReport {
    private HtmlReport() {}

    public static String render(RunFolder folder) {
        StringBuilder h = new StringBuilder(64 * 1024);
        String title = "greendl report · " + folder.dir().toAbsolutePath().normalize().getFileName();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(Html.esc(title)).append("</title><style>").append(CSS)
                .append("</style></head><body>\n");
        h.append("<header><h1>").append(Html.esc(title)).append("</h1><p class=\"sub\">Generated ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" from the run records in this folder; ")
                .append(folder.runs().size()).append(" run(s).</p>");
        quickNote(folder.bench(), h);
        h.append("</header>\n");
        List<RunSummary> runs = folder.runs();
        if (!runs.isEmpty()) {
            summaryTable(runs, h);
            charts(runs, h);
        }
        if (folder.search() != null) {
            SearchSection.render(folder.search(), h);
        }
        for (JsonNode nas : NasSection.find(folder.dir(), runs)) {
            NasSection.render(nas, runs, h);
        }
        cards(runs, h);
        machine(runs, h);
        h.append("<footer>greendl · accuracy is a fraction of the test set; energy in kWh as measured or "
                + "estimated (see each source); CO<sub>2</sub>eq from the grid intensity named in each record."
                + "</footer>\n</body></html>\n");
        return h.toString();
    }

    private static void quickNote(JsonNode bench, StringBuilder h) {
        if (bench != null && bench.path("dataset").isTextual()) {
            h.append("<p>Data: <code>").append(Html.esc(bench.path("dataset").asText())).append("</code>");
            JsonNode skipped = bench.path("skipped");
            if (skipped.isObject() && skipped.size() > 0) {
                h.append(". Not applicable to it, so not run:");
                skipped.fields().forEachRemaining(e -> h.append(" <b>").append(Html.esc(e.getKey())).append("</b> (")
                        .append(Html.esc(e.getValue().asText())).append(")"));
            }
            h.append("</p>");
        }
        if (bench != null && bench.path("model").isTextual()) {
            modelInfo(bench.path("model").asText(), bench.path("model_info"), h);
        }
        if (bench != null && bench.path("quick").asBoolean(false)) {
            String note = bench.path("quick_note").asText("");
            if (bench.path("model").isTextual()) {
                h.append("<p class=\"warn\">Quick run: nothing trained (the model file is the baseline); the serving"
                        + " figures come from shorter timings. Figures are indicative.</p>");
            } else {
                h.append("<p class=\"warn\">Quick run: trained on a subset of the data with fewer epochs")
                        .append(note.isBlank() ? "" : " (" + Html.esc(note) + ")").append(". Figures are indicative.</p>");
            }
        }
        JsonNode best = bench == null ? null : bench.path("best_within_1_point");
        if (best != null && best.isObject()) {
            h.append("<p class=\"headline\">");
            String reference = best.path("reference").asText("baseline");
            String referenceName = "baseline".equals(reference) ? "the baseline" : Html.esc(reference);
            if ("none".equals(best.path("variant").asText())) {
                h.append("No variant stayed within 1 point of ").append(referenceName).append("'s accuracy.");
            } else {
                h.append("Best variant within 1 point of ").append(referenceName).append("'s accuracy: <b>")
                        .append(Html.esc(best.path("variant").asText())).append("</b> (")
                        .append(Html.num(best.path("accuracy_change_points").asDouble(), "%+.2f points")).append("), ")
                        .append(Html.num(best.path("energy_per_inference_vs_baseline").asDouble(), "%.3f"))
                        .append("&times; the baseline's energy per inference");
                if (best.path("bytes_vs_baseline").isNumber()) {
                    h.append(", ").append(Html.num(best.path("bytes_vs_baseline").asDouble(), "%.3f"))
                            .append("&times; its bytes");
                }
                h.append('.');
            }
            h.append("</p>");
            if (bench.path("variants").findValuesAsText("label").contains("baseline-continued")) {
                h.append("<p class=\"sub\">Accuracy is compared with the better of the baseline and "
                        + "<i>baseline-continued</i>, the baseline trained on for as many epochs as the longest "
                        + "fine-tuning, so that no technique is credited for the extra epochs it trained; energy and "
                        + "bytes are compared with the baseline.</p>");
            }
        }
        if (bench != null && bench.path("time").path("wall_s").isNumber()) {
            h.append("<p class=\"sub\">Bench wall time: ")
                    .append(Html.num(bench.path("time").path("wall_s").asDouble(), "%.0f s"));
            if (bench.path("time").path("making_wall_s").isNumber()) {
                h.append(" (this invocation; making every variant took ")
                        .append(Html.num(bench.path("time").path("making_wall_s").asDouble(), "%.0f s")).append(')');
            }
            h.append("</p>");
        }
    }

    /** The given model file (the bench's baseline) and what it says about itself: producer, opsets, inputs, outputs. */
    private static void modelInfo(String file, JsonNode info, StringBuilder h) {
        h.append("<p>Model: <code>").append(Html.esc(file)).append("</code>");
        if (info.isObject()) {
            String producer = (info.path("producer_name").asText("") + " " + info.path("producer_version").asText(""))
                    .strip();
            h.append(" (producer ").append(Html.esc(producer.isEmpty() ? "none" : producer)).append(", IR version ")
                    .append(info.path("ir_version").asLong()).append(", opsets");
            List<String> opsets = new ArrayList<>();
            info.path("opsets").fields().forEachRemaining(e -> opsets.add(e.getKey() + " " + e.getValue().asText()));
            h.append(' ').append(Html.esc(String.join(", ", opsets))).append(")</p>\n");
            h.append("<table class=\"model-io\"><thead><tr><th></th><th>Name</th><th>Type</th><th>Shape</th></tr>"
                    + "</thead><tbody>");
            for (String side : new String[] {"inputs", "outputs"}) {
                for (JsonNode v : info.path(side)) {
                    List<String> dims = new ArrayList<>();
                    v.path("shape").forEach(d -> dims.add(d.asText()));
                    h.append("<tr><td>").append(side.equals("inputs") ? "input" : "output").append("</td><td><code>")
                            .append(Html.esc(v.path("name").asText())).append("</code></td><td>")
                            .append(Html.esc(v.path("dtype").asText())).append("</td><td>[")
                            .append(Html.esc(String.join(", ", dims))).append("]</td></tr>");
                }
            }
            h.append("</tbody></table>\n");
        } else {
            h.append("</p>\n");
        }
    }

    private record Column(String header, Function<RunSummary, String> cell, Function<RunSummary, Object> raw) {}

    private static void summaryTable(List<RunSummary> runs, StringBuilder h) {
        List<Column> all = List.of(
                new Column("Run", r -> "<b>" + Html.esc(r.label()) + "</b>", RunSummary::label),
                new Column("Test accuracy", r -> Html.percent(r.testAccuracy()), RunSummary::testAccuracy),
                new Column("Params", r -> Html.count(r.params()), RunSummary::params),
                new Column("MACs", r -> Html.si(r.macs()), RunSummary::macs),
                new Column("Model bytes", r -> Html.bytes(r.bytes()), RunSummary::bytes),
                new Column("Sparsity", r -> Html.percent(r.sparsity()), RunSummary::sparsity),
                new Column("Served by", r -> Html.esc(r.node().at("/inference/runtime").asText("–")),
                        r -> r.node().at("/inference/runtime").isTextual() ? r.node().at("/inference/runtime").asText()
                                : null),
                new Column("Latency b1 p50", r -> r.inference() == null ? "–"
                        : Html.num(r.inference().latencyMsB1(), "%.3f ms"),
                        r -> r.inference() == null ? null : r.inference().latencyMsB1()),
                new Column("Latency b64 p50", r -> r.inference() == null ? "–"
                        : Html.num(r.inference().latencyMsB64(), "%.2f ms"),
                        r -> r.inference() == null ? null : r.inference().latencyMsB64()),
                new Column("Energy / 1k inferences", r -> r.inference() == null ? "–"
                        : Html.num(r.inference().energyKwhPer1k() == null ? null
                                : r.inference().energyKwhPer1k() * 3.6e6, "%.2f J"),
                        r -> r.inference() == null ? null : r.inference().energyKwhPer1k()),
                new Column("Energy spent", r -> energyCell(r), RunSummary::energyKwh),
                new Column("Break-even", HtmlReport::breakEvenCell, r -> r.node().has("break_even_inferences")
                        ? r.node().get("break_even_inferences").asText() : null),
                new Column("CO\u2082eq", r -> Html.num(r.emissionsKg() == null ? null : r.emissionsKg() * 1000,
                        "%.3f g"), RunSummary::emissionsKg),
                new Column("Wall time", r -> Html.num(r.wallSeconds(), "%.1f s"), RunSummary::wallSeconds),
                new Column("Outcome", r -> r.failed() ? "<span class=\"bad\">failed: " + Html.esc(r.error())
                        + "</span>" : Html.esc(r.stopReason()),
                        r -> r.failed() ? r.error() : r.stopReason()));
        List<Column> shown = new ArrayList<>();
        for (Column c : all) {
            if (runs.stream().anyMatch(r -> c.raw().apply(r) != null)) {
                shown.add(c);
            }
        }
        h.append("<section><h2>Summary</h2><div class=\"scroll\"><table id=\"summary\"><thead><tr>");
        shown.forEach(c -> h.append("<th>").append(c.header()).append("</th>"));
        h.append("</tr></thead><tbody>\n");
        for (RunSummary r : runs) {
            h.append("<tr class=\"run").append(r.failed() ? " failed" : "").append("\">");
            shown.forEach(c -> h.append("<td>").append(c.cell().apply(r)).append("</td>"));
            h.append("</tr>\n");
        }
        h.append("</tbody></table></div></section>\n");
    }

    /** Inferences until what a variant saves per inference repays the energy spent making it. */
    private static String breakEvenCell(RunSummary r) {
        JsonNode b = r.node().path("break_even_inferences");
        if (b.isNumber()) {
            return Html.count(b.asLong()) + " inf.";
        }
        return b.isTextual() ? "never" : "–";
    }

    private static String energyCell(RunSummary r) {
        if (r.energyKwh() == null) {
            return "–";
        }
        String src = r.energyEstimated() ? " <span class=\"est\" title=\"estimated, not measured\">estimate</span>"
                : " <span class=\"meas\">measured</span>";
        return Html.num(r.energyKwh() * 1000, "%.3f Wh") + src;
    }

    private static void charts(List<RunSummary> runs, StringBuilder h) {
        List<String> imgs = new ArrayList<>();
        List<Charts.Point> perInference = new ArrayList<>();
        List<Charts.Point> perByte = new ArrayList<>();
        List<Charts.Point> perTraining = new ArrayList<>();
        for (RunSummary r : runs) {
            if (r.testAccuracy() == null || r.failed()) {
                continue;
            }
            double acc = r.testAccuracy() * 100;
            if (r.inference() != null && r.inference().energyKwhPer1k() != null) {
                perInference.add(new Charts.Point(r.label(), r.inference().energyKwhPer1k() * 3.6e6, acc));
            }
            if (r.bytes() != null) {
                perByte.add(new Charts.Point(r.label(), r.bytes() / 1024.0, acc));
            }
            if (r.energyKwh() != null) {
                perTraining.add(new Charts.Point(r.label(), r.energyKwh() * 1000, acc));
            }
        }
        if (!perInference.isEmpty()) {
            imgs.add(chart("pareto-energy", Charts.scatter("Accuracy vs energy per 1,000 inferences",
                    "J per 1,000 inferences (log)", "test accuracy (%)", perInference, true)));
        }
        if (!perByte.isEmpty()) {
            imgs.add(chart("pareto-bytes", Charts.scatter("Accuracy vs model size", "KiB (log)",
                    "test accuracy (%)", perByte, true)));
        }
        if (!perTraining.isEmpty()) {
            imgs.add(chart("accuracy-training-energy", Charts.scatter("Accuracy vs energy spent making the model",
                    "Wh", "test accuracy (%)", perTraining, false)));
        }
        learningCurves(runs, imgs);
        if (!imgs.isEmpty()) {
            h.append("<section><h2>Charts</h2><div class=\"charts\">");
            imgs.forEach(h::append);
            h.append("</div></section>\n");
        }
    }

    private static void learningCurves(List<RunSummary> runs, List<String> imgs) {
        List<Charts.Line> byX = new ArrayList<>();
        boolean labels = false;
        for (RunSummary r : runs) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (RunSummary.CurvePoint p : r.curve()) {
                if (p.accuracy() != null) {
                    xs.add(p.x());
                    ys.add(p.accuracy() * 100);
                }
            }
            if (xs.size() > 1) {
                byX.add(new Charts.Line(r.label(), xs, ys));
                labels |= r.node().path("curve").isArray();
            }
        }
        if (!byX.isEmpty()) {
            imgs.add(chart("learning-curves", Charts.lines("Learning curves", labels ? "labelled examples / epoch"
                    : "epoch", "accuracy (%)", byX)));
        }
    }

    static String chart(String id, String dataUri) {
        return "<figure class=\"chart\" id=\"" + id + "\"><img alt=\"" + id + "\" src=\"" + dataUri + "\"></figure>";
    }

    private static void cards(List<RunSummary> runs, StringBuilder h) {
        Set<String> kinds = new LinkedHashSet<>();
        runs.forEach(r -> kinds.add(r.kind()));
        if (kinds.isEmpty()) {
            return;
        }
        h.append("<section><h2>Techniques</h2><div class=\"cards\">");
        for (String kind : kinds) {
            TechniqueCards.Card c = TechniqueCards.of(kind);
            h.append("<div class=\"card\"><h3>").append(Html.esc(c.title())).append("</h3><p>")
                    .append(Html.esc(c.what())).append("</p><p class=\"paper\">").append(Html.esc(c.paper()))
                    .append("</p>");
            for (RunSummary r : runs) {
                if (kind != null && kind.equals(r.kind()) && r.testAccuracy() != null) {
                    h.append("<p class=\"measured\">Measured: ").append(Html.esc(r.label())).append(" — ")
                            .append(Html.percent(r.testAccuracy())).append(" accuracy")
                            .append(r.macs() == null ? "" : ", " + Html.si(r.macs()) + " MACs" + exits(r))
                            .append(r.bytes() == null ? "" : ", " + Html.bytes(r.bytes())).append("</p>");
                }
            }
            h.append("</div>");
        }
        h.append("</div></section>\n");
    }

    /** " per image on average, leaving at exits 1..n: a % / b % / c %" for early exits, else nothing. */
    private static String exits(RunSummary r) {
        JsonNode shares = r.node().at("/inference/early_exit/exit_shares");
        if (!shares.isArray() || shares.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" per image on average (images leaving at exits 1-" + shares.size() + ": ");
        for (int i = 0; i < shares.size(); i++) {
            b.append(i == 0 ? "" : " / ").append(String.format(java.util.Locale.ROOT, "%.1f %%",
                    100 * shares.get(i).asDouble()));
        }
        return b.append(")").toString();
    }

    private static void machine(List<RunSummary> runs, StringBuilder h) {
        JsonNode env = runs.stream().map(r -> r.node().path("environment")).filter(JsonNode::isObject)
                .findFirst().orElse(null);
        h.append("<section><h2>Machine and measurement</h2><table class=\"kv\">");
        if (env != null) {
            env.fields().forEachRemaining(e -> h.append("<tr><th>").append(Html.esc(e.getKey())).append("</th><td>")
                    .append(Html.esc(e.getValue().asText())).append("</td></tr>"));
        }
        Set<String> lines = new LinkedHashSet<>();
        for (RunSummary r : runs) {
            if (r.cpuSource() != null || r.gpuSource() != null || r.ramSource() != null) {
                lines.add("CPU: " + label(r.cpuSource()) + " · GPU: " + label(r.gpuSource()) + " · RAM: "
                        + label(r.ramSource()));
            }
        }
        for (String l : lines) {
            h.append("<tr><th>energy sources</th><td>").append(Html.esc(l)).append("</td></tr>");
        }
        h.append("</table><p class=\"sub\">A source marked <i>estimate</i> comes from CPU time and a power "
                + "model, not from a hardware counter; <i>rapl</i> and <i>nvml</i> are counter readings.</p>"
                + "</section>\n");
    }

    private static String label(String source) {
        if (source == null) {
            return "not recorded";
        }
        return switch (source) {
            case "rapl" -> "rapl (measured)";
            case "nvml" -> "nvml (measured)";
            case "estimate" -> "estimate (not measured)";
            case "rapl+estimate" -> "rapl+estimate (partly measured)";
            default -> source;
        };
    }

    private static final String CSS = """
            body{font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#1d2a1f;\
            background:#f6f8f5}
            header{background:#1f5130;color:#fff;padding:18px 28px}header h1{margin:0;font-size:24px}
            .sub{color:#5b6b5e;font-size:13px}header .sub{color:#cfe3d3}
            section{margin:22px 28px;background:#fff;border-radius:8px;padding:14px 18px;\
            box-shadow:0 1px 3px rgba(0,0,0,.08)}
            h2{margin:4px 0 12px;font-size:18px;color:#1f5130}
            table{border-collapse:collapse;width:100%;font-size:13px}th,td{padding:6px 8px;text-align:right;\
            border-bottom:1px solid #e4ebe5;white-space:nowrap}td:last-child{white-space:normal}th:first-child,td:first-child{text-align:left}
            thead th{background:#eef4ef;position:sticky;top:0}tr.failed td{background:#fff1f0}
            .kv th{text-align:left;width:200px}.kv td{text-align:left}
            .bad{color:#b3261e}.est{background:#fff4d6;color:#7a5a00;border-radius:4px;padding:0 4px;font-size:11px}
            .meas{background:#dff3e4;color:#1f5130;border-radius:4px;padding:0 4px;font-size:11px}
            .charts{display:flex;flex-wrap:wrap;gap:12px}.chart{margin:0}.chart img{max-width:100%}
            .scroll{overflow-x:auto}
            .headline{font-size:16px;background:#e9f5ec;color:#143d22;border-radius:6px;padding:8px 12px}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(280px,1fr));gap:12px}
            .card{border:1px solid #dfe8e1;border-radius:8px;padding:10px 12px}.card h3{margin:0 0 6px;font-size:15px}
            .paper{color:#5b6b5e;font-size:12px;font-style:italic}.measured{font-size:13px}
            .warn{background:#fff4d6;color:#5c4300;padding:6px 10px;border-radius:6px}
            footer{margin:10px 28px 30px;color:#5b6b5e;font-size:12px}
            """;
}
