package org.greendl.select;

import static org.greendl.select.SelectRecordsFixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.greendl.record.Json;
import org.greendl.record.RunRecords;
import org.greendl.record.SelectionRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every data-selection record, written through the typed record, is the JSON the earlier hand-built writer made
 * (stored under resources/org/greendl/select/records), field for field and in the same order; only the time it
 * was made and the environment differ. Each also reads back equal to what was
 * written.
 */
class SelectRecordsTest {
    @TempDir Path dir;

    private static SelectionRecord make(String name) {
        return switch (name) {
            case "active-learn" -> SelectRecords.activeLearning("al", activeSettings(0), activeState(true),
                    "waiting-for-labels", clock(), extra());
            case "active-learn-empty" -> SelectRecords.activeLearning("al0", activeSettings(40), activeState(false),
                    "completed", EnergyClock.none(), Map.of());
            case "prune-data" -> SelectRecords.pruning("pd", pruneSettings(), pruneResult(true), clock(), extra());
            case "prune-data-alone" -> SelectRecords.pruning("pd0", pruneSettings(), pruneResult(false),
                    EnergyClock.none(), Map.of());
            case "transfer" -> SelectRecords.versus("tr", "transfer", "transfer · x", MODEL, versus(), "pretraining",
                    "scratch/run.json", clock(), extra());
            case "scratch" -> SelectRecords.scratch("sc", "scratch · x", MODEL, versus().scratch(), clock(), extra());
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"active-learn", "active-learn-empty", "prune-data", "prune-data-alone", "transfer",
        "scratch"})
    void writesTheJsonItAlwaysWroteAndReadsItBack(String name) throws IOException {
        SelectionRecord record = make(name);
        Path file = dir.resolve(name + ".json");
        SelectRecords.write(file, record);

        String before;
        try (InputStream in = SelectRecordsTest.class.getResourceAsStream("records/" + name + ".json")) {
            assertNotNull(in, name);
            before = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(withoutTimeAndPlace(before), withoutTimeAndPlace(Files.readString(file)), name);
        SelectionRecord back = RunRecords.readSelection(file);
        // The typed blocks read back equal; the free-form config reads back as JSON numbers (an int seed, a
        // double learning rate), so it is compared as written.
        assertEquals(List.of(record.model(), record.metrics(), record.energy(), record.time()),
                List.of(back.model(), back.metrics(), back.energy(), back.time()), name);
        assertEquals(Arrays.asList(record.stopDetail(), record.emissions(), record.pruning(), record.epochs(),
                record.preparation(), record.comparison(), record.curve(), record.environment()),
                Arrays.asList(back.stopDetail(), back.emissions(), back.pruning(), back.epochs(),
                        back.preparation(), back.comparison(), back.curve(), back.environment()), name);
        assertEquals(RunRecords.toJson(record), RunRecords.toJson(back), name);
    }

    private static String withoutTimeAndPlace(String json) throws IOException {
        ObjectNode tree = (ObjectNode) Json.MAPPER.readTree(json);
        tree.put("created", "-");
        tree.put("environment", "-");
        return Json.MAPPER.writeValueAsString(tree);
    }
}
