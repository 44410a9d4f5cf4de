package org.greendl.profile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/** A profile as a table for people, one JSON document, or CSV (one row per layer, then a total row). */
public final class ProfileFormat {
    private ProfileFormat() {}

    public static String table(Profile p) {
        return table(p, java.util.List.of());
    }

    /** The table with {@code header} lines (what the model file says about itself) under its first line. */
    public static String table(Profile p, java.util.List<String> header) {
        boolean sparse = p.total().effectiveMacs() >= 0;
        int nameWidth = Math.max(5, Math.min(60, p.layers().stream().mapToInt(l -> l.name().length()).max()
                .orElse(5)));
        int typeWidth = Math.max(4, p.layers().stream().mapToInt(l -> l.type().length()).max().orElse(4));
        String fmt = "%-" + nameWidth + "s  %-" + typeWidth + "s  %-18s %12s %15s %15s %12s" + (sparse ? " %15s" : "")
                + "%n";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "model %s, input %s%n", p.model(), p.input()));
        for (String line : header) {
            sb.append(line).append(System.lineSeparator());
        }
        Object[] head = sparse ? new Object[] {"layer", "type", "output", "params", "MACs", "FLOPs", "act bytes",
            "effective MACs"} : new Object[] {"layer", "type", "output", "params", "MACs", "FLOPs", "act bytes"};
        sb.append(String.format(Locale.ROOT, fmt, head));
        for (LayerProfile l : p.layers()) {
            String name = l.name().length() > nameWidth ? "…" + l.name().substring(l.name().length() - nameWidth + 1)
                    : l.name();
            Object[] row = {name, l.type(), l.outputShape().toString(), n(l.params()), n(l.macs()), n(l.flops()),
                n(l.activationBytes()), n(l.effectiveMacs())};
            sb.append(String.format(Locale.ROOT, fmt, sparse ? row : java.util.Arrays.copyOf(row, 7)));
        }
        ProfileTotals t = p.total();
        sb.append(String.format(Locale.ROOT, "total: params %s (trainable %s, frozen %s), MACs %s, FLOPs %s,"
                + " activations %s bytes, weights %s bytes %s%s%n", n(t.params()), n(t.trainableParams()),
                n(t.frozenParams()), n(t.macs()), n(t.flops()), n(t.activationBytes()), n(t.weightBytes()),
                t.weightBytesByType(), sparse ? ", effective MACs " + n(t.effectiveMacs()) : ""));
        for (String w : p.warnings()) {
            sb.append("warning: ").append(w).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** One JSON document: {"model", "input", "total": {...}, "layers": [...], "warnings": [...]}. */
    public static String json(Profile p) {
        return json(p, Map.of());
    }

    /**
     * The JSON document with {@code extra} top-level members after "input" (maps, lists, strings and numbers,
     * for example an ONNX file's own metadata under "onnx").
     */
    public static String json(Profile p, Map<String, ?> extra) {
        ObjectNode doc = PrettyJson.object();
        doc.put("model", p.model());
        doc.set("input", longs(p.input().getShape()));
        for (Map.Entry<String, ?> e : extra.entrySet()) {
            doc.set(e.getKey(), PrettyJson.MAPPER.valueToTree(e.getValue()));
        }
        ProfileTotals t = p.total();
        ObjectNode total = PrettyJson.object();
        total.put("params", t.params());
        total.put("trainable_params", t.trainableParams());
        total.put("frozen_params", t.frozenParams());
        total.put("macs", t.macs());
        total.put("flops", t.flops());
        total.put("activation_bytes", t.activationBytes());
        total.put("weight_bytes", t.weightBytes());
        ObjectNode byType = PrettyJson.object();
        for (Map.Entry<String, Long> e : t.weightBytesByType().entrySet()) {
            byType.put(e.getKey(), e.getValue());
        }
        total.set("weight_bytes_by_type", byType);
        total.put("buffer_bytes", t.bufferBytes());
        if (t.effectiveMacs() >= 0) {
            total.put("effective_macs", t.effectiveMacs());
        }
        doc.set("total", total);
        ArrayNode layers = PrettyJson.MAPPER.createArrayNode();
        for (LayerProfile l : p.layers()) {
            ObjectNode o = PrettyJson.object();
            o.put("name", l.name());
            o.put("type", l.type());
            o.set("output_shape", longs(l.outputShape().getShape()));
            o.put("params", l.params());
            o.put("trainable_params", l.trainableParams());
            o.put("macs", l.macs());
            o.put("flops", l.flops());
            o.put("activation_bytes", l.activationBytes());
            o.put("weight_bytes", l.weightBytes());
            if (l.effectiveMacs() >= 0) {
                o.put("effective_macs", l.effectiveMacs());
            }
            layers.add(o);
        }
        doc.set("layers", layers);
        ArrayNode warnings = PrettyJson.MAPPER.createArrayNode();
        p.warnings().forEach(warnings::add);
        doc.set("warnings", warnings);
        return PrettyJson.write(doc);
    }

    /** CSV with a header; the last row is named "total". Shapes are written like 1x64x112x112. */
    public static String csv(Profile p) {
        StringBuilder sb = new StringBuilder("name,type,output_shape,params,trainable_params,macs,flops,"
                + "activation_bytes,weight_bytes,effective_macs\n");
        for (LayerProfile l : p.layers()) {
            sb.append(csvField(l.name())).append(',').append(csvField(l.type())).append(',')
                    .append(dims(l.outputShape().getShape())).append(',').append(l.params()).append(',')
                    .append(l.trainableParams()).append(',').append(l.macs()).append(',').append(l.flops())
                    .append(',').append(l.activationBytes()).append(',').append(l.weightBytes()).append(',')
                    .append(l.effectiveMacs() >= 0 ? Long.toString(l.effectiveMacs()) : "").append('\n');
        }
        ProfileTotals t = p.total();
        sb.append("total,,").append(dims(p.input().getShape())).append(',').append(t.params()).append(',')
                .append(t.trainableParams()).append(',').append(t.macs()).append(',').append(t.flops()).append(',')
                .append(t.activationBytes()).append(',').append(t.weightBytes()).append(',')
                .append(t.effectiveMacs() >= 0 ? Long.toString(t.effectiveMacs()) : "").append('\n');
        return sb.toString();
    }

    private static ArrayNode longs(long[] values) {
        ArrayNode a = PrettyJson.MAPPER.createArrayNode();
        for (long v : values) {
            a.add(v);
        }
        return a;
    }

    private static String dims(long[] d) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.length; i++) {
            sb.append(i == 0 ? "" : "x").append(d[i]);
        }
        return sb.toString();
    }

    private static String csvField(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String n(long v) {
        return v < 0 ? "" : String.format(Locale.ROOT, "%,d", v);
    }
}
