package org.greendl.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordBlocksTest {
    @TempDir Path dir;

    @Test
    void environmentNamesThisGreendlAndThisOs() throws IOException {
        RunRecord.Environment e = new RunRecord.Environment("17", "0.36.0", "PyTorch 2.7.1", "cpu", 2);
        assertEquals("0.1.0-SNAPSHOT", e.greendl(), "the version Maven filtered into the resource");
        assertEquals(System.getProperty("os.name") + " " + System.getProperty("os.version"), e.os());
        JsonNode json = Json.MAPPER.readTree(Json.MAPPER.writeValueAsString(e));
        assertEquals("0.1.0-SNAPSHOT", json.path("greendl").asText());
        assertEquals(e.os(), json.path("os").asText());

        RunRecord.Environment old = Json.MAPPER.readValue(
                "{\"java\":\"17\",\"djl\":\"0.36.0\",\"engine\":\"PyTorch 2.7.1\",\"cpu_model\":\"cpu\",\"threads\":2}",
                RunRecord.Environment.class);
        assertNull(old.greendl(), "a record from before the field was added reads, without a version");
    }

    @Test
    void qatScalesRoundTripAndSayWhatIsWrong() throws IOException {
        QatScales scales = new QatScales(QatScales.FORMAT, 1, List.of(
                new QatScales.Layer("01Conv2d", new float[] {0.01f, 0.02f}, 0.05f, 3, null, null),
                new QatScales.Layer("stage0_01Conv2d", new float[] {0.5f}, null, null, -1f, 2f)));
        Path file = dir.resolve(QatScales.FILE);
        scales.write(file);
        QatScales back = QatScales.read(file);
        assertEquals(2, back.layers().size());
        assertArrayEquals(scales.layers().get(0).weightScales(), back.layers().get(0).weightScales());
        assertEquals(3, back.layers().get(0).inputZeroPoint());
        assertEquals(2f, back.layers().get(1).inputMax());
        assertTrue(Files.readString(file).contains("\"weight_scales\""), "the documented field names");

        Files.writeString(file, "");
        assertEquals("cannot read " + file + ": the file is empty",
                assertThrows(IOException.class, () -> QatScales.read(file)).getMessage());
        Files.writeString(file, "{\"format\":\"other\",\"version\":1,\"layers\":[]}");
        assertEquals("not a greendl qat.json (format other): " + file,
                assertThrows(IOException.class, () -> QatScales.read(file)).getMessage());
    }

    @Test
    void stopDetailIsWrittenAsNullOnlyWhereGiven() throws IOException {
        String given = Json.MAPPER.writeValueAsString(selection(SelectionRecord.StopDetail.of(null)));
        String absent = Json.MAPPER.writeValueAsString(selection(null));
        assertTrue(given.contains("\"stop_detail\" : null"), given);
        assertFalse(absent.contains("stop_detail"), absent);
        assertEquals(SelectionRecord.StopDetail.of(null),
                Json.MAPPER.readValue(given, SelectionRecord.class).stopDetail());
        assertNull(Json.MAPPER.readValue(absent, SelectionRecord.class).stopDetail());
        assertFalse(absent.contains("pruning") || absent.contains("curve") || absent.contains("emissions"),
                "blocks a kind does not have are left out");
    }

    private static SelectionRecord selection(SelectionRecord.StopDetail detail) {
        return new SelectionRecord(1, "al", null, Kind.ACTIVE_LEARN.id(), "al", "t",
                new SelectionRecord.Model("mlp", 10), null, detail, new SelectionRecord.Metrics(null, null),
                SelectionRecord.Energy.of(0.0, Map.of()), null, new RunRecord.TimeInfo(0), "completed", null, null,
                null, null, Map.of(), null);
    }

    @Test
    void exportDetailsRefuseAFieldTheyDoNotKnow() throws IOException {
        JsonNode reported = Json.MAPPER.readTree("{\"calibration\":\"dynamic\",\"calibration_size\":0,"
                + "\"per_channel\":false,\"quantized_nodes\":3,\"size_ratio\":0.3,\"ort_optimized_ops\":{\"MatMulInteger\":3}}");
        ExportDetails.Int8 int8 = ExportDetails.int8(reported);
        assertEquals(3, int8.quantizedNodes());
        com.fasterxml.jackson.databind.node.ObjectNode withPojo = Json.MAPPER.createObjectNode();
        withPojo.putPOJO("layout_rewrites", List.of("space-to-depth:conv0"));
        assertEquals(List.of("space-to-depth:conv0"), ExportDetails.int8(withPojo).layoutRewrites(),
                "lists the exporter put in as Java objects");
        assertEquals(reported, Json.MAPPER.valueToTree(int8), "the same fields, in the same order");
        JsonNode unknown = Json.MAPPER.readTree("{\"calibration\":\"dynamic\",\"new_figure\":1}");
        assertTrue(assertThrows(IllegalStateException.class, () -> ExportDetails.int8(unknown)).getMessage()
                .contains("new_figure"));
    }

    @Test
    void stepCostHasTheRecordsShape() {
        StepCost cost = new StepCost(new RunRecord.EnergyInfo(3, 2, 0, 1, new RunRecord.Sources("rapl", "none",
                "estimate")), new RunRecord.EmissionsInfo(0.1, 50, ""), new RunRecord.TimeInfo(1.5));
        JsonNode json = Json.MAPPER.valueToTree(cost);
        assertEquals(3.0, json.at("/energy/total_kwh").asDouble());
        assertEquals("rapl", json.at("/energy/sources/cpu").asText());
        assertEquals(50.0, json.at("/emissions/intensity_g_per_kwh").asDouble());
        assertEquals(1.5, json.at("/time/wall_s").asDouble());
        List<String> names = new java.util.ArrayList<>();
        json.get("emissions").fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("total_kg", "intensity_g_per_kwh", "country_iso_code"), names, "the documented order");
    }
}
