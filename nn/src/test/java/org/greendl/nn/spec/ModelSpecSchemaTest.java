package org.greendl.nn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import org.greendl.profile.PrettyJson;
import org.junit.jupiter.api.Test;

/** docs/model-spec.schema.json and docs/model-spec.md cover every layer type the codecs know. */
class ModelSpecSchemaTest {
    private static final Path DOCS = Path.of("..", "docs");

    @Test
    void everyLayerTypeIsInTheSchemaAndTheDoc() throws IOException {
        JsonNode defs = schema().get("$defs");
        String doc = Files.readString(DOCS.resolve("model-spec.md"));
        List<String> missing = new ArrayList<>();
        for (String type : BlockSpecs.knownTypes()) {
            if (!defs.has(type) || !type.equals(defs.get(type).at("/properties/type/const").asText())) {
                missing.add(type + " (schema $defs)");
            }
            if (!enumOfLayer(defs).contains(type)) {
                missing.add(type + " (schema layer enum)");
            }
            if (!doc.contains("### `" + type + "`")) {
                missing.add(type + " (model-spec.md heading)");
            }
        }
        assertEquals(List.of(), missing);
        assertTrue(BlockSpecs.knownTypes().size() >= 25, BlockSpecs.knownTypes().toString());
    }

    /** Every required field of the schema is in each example, and no example uses a field the schema lacks. */
    @Test
    void theExampleSpecsMeetTheSchema() throws IOException {
        JsonNode schema = schema();
        List<String> problems = new ArrayList<>();
        int checked = 0;
        try (var files = Files.list(DOCS.resolve("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode spec = PrettyJson.MAPPER.readTree(f.toFile());
                checkObject(spec, schema, f.getFileName().toString(), problems);
                JsonNode layers = spec.has("layers") ? spec.get("layers") : PrettyJson.MAPPER.createArrayNode()
                        .add(spec.get("block"));
                for (int i = 0; i < layers.size(); i++) {
                    checkLayer(layers.get(i), schema.get("$defs"), f.getFileName() + ": layers[" + i + "]", problems);
                }
                checked++;
            }
        }
        assertTrue(checked >= 3, "examples checked: " + checked);
        assertEquals(List.of(), problems);
    }

    @Test
    void theCheckerFindsAMissingRequiredField() {
        List<String> problems = new ArrayList<>();
        checkLayer(PrettyJson.MAPPER.createObjectNode().put("type", "conv2d").put("kernel", 3),
                schemaUnchecked().get("$defs"), "x", problems);
        assertEquals(List.of("x: lacks required \"filters\""), problems);
    }

    private static void checkLayer(JsonNode layer, JsonNode defs, String where, List<String> problems) {
        String type = layer.path("type").asText();
        JsonNode def = defs.get(type);
        if (def == null) {
            problems.add(where + ": type \"" + type + "\" is not in the schema");
            return;
        }
        checkObject(layer, def, where, problems);
        for (Iterator<String> it = layer.fieldNames(); it.hasNext();) {
            String field = it.next();
            JsonNode value = layer.get(field);
            String ref = def.at("/properties/" + field + "/$ref").asText();
            String itemRef = def.at("/properties/" + field + "/items/$ref").asText();
            if (ref.equals("#/$defs/layer")) {
                checkLayer(value, defs, where + "." + field, problems);
            } else if (itemRef.equals("#/$defs/layer")) {
                for (int i = 0; i < value.size(); i++) {
                    checkLayer(value.get(i), defs, where + "." + field + "[" + i + "]", problems);
                }
            } else if (field.equals("stages")) {
                for (int i = 0; i < value.size(); i++) {
                    checkLayer(value.get(i).get("stage"), defs, where + ".stages[" + i + "].stage", problems);
                    checkLayer(value.get(i).get("exit"), defs, where + ".stages[" + i + "].exit", problems);
                }
            }
        }
    }

    private static void checkObject(JsonNode value, JsonNode def, String where, List<String> problems) {
        for (JsonNode required : def.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(where + ": lacks required \"" + required.asText() + "\"");
            }
        }
        if (!def.path("additionalProperties").asBoolean(true)) {
            for (Iterator<String> it = value.fieldNames(); it.hasNext();) {
                String field = it.next();
                if (!def.path("properties").has(field)) {
                    problems.add(where + ": field \"" + field + "\" is not in the schema");
                }
            }
        }
    }

    private static TreeSet<String> enumOfLayer(JsonNode defs) {
        TreeSet<String> out = new TreeSet<>();
        defs.at("/layer/properties/type/enum").forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode schema() throws IOException {
        return PrettyJson.MAPPER.readTree(DOCS.resolve("model-spec.schema.json").toFile());
    }

    private static JsonNode schemaUnchecked() {
        try {
            return schema();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
