package org.greendl.train.hpo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import org.greendl.data.spec.DataSpec;
import java.util.Map;

/**
 * What a search may try: the model, the dataset, the most epochs one trial may train, and for each
 * hyper-parameter the values to choose from. Read from a small JSON file, for example
 * {@code {"model": "cnn", "dataset": "fashion-mnist", "max_epochs": 9,
 * "params": {"lr": [0.001, 0.003, 0.01], "batch": [32, 64, 128]}}}.
 */
public record SearchSpace(String model, String dataset, int maxEpochs, Map<String, List<Object>> params) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SearchSpace {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("search space: \"model\" is missing");
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("search space: \"max_epochs\" must be at least 1, got " + maxEpochs);
        }
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("search space: \"params\" is empty (give at least one "
                    + "hyper-parameter with a list of values)");
        }
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (v == null || v.isEmpty()) {
                throw new IllegalArgumentException("search space: parameter \"" + k + "\" has no values");
            }
            copy.put(k, List.copyOf(v));
        });
        params = Collections.unmodifiableMap(copy);
        dataset = dataset == null ? DataSpec.DEFAULT : dataset;
        try {
            DataSpec.parse(dataset);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("search space: dataset: " + e.getMessage());
        }
        long points = size(params);
        if (points > MAX_POINTS) {
            throw new IllegalArgumentException("search space: " + (points == Long.MAX_VALUE ? "more than 2^63"
                    : Long.toString(points)) + " configurations (the product of the value lists' lengths), more"
                    + " than the " + MAX_POINTS + " a search can enumerate: every one is a training run; shorten"
                    + " the value lists");
        }
    }

    /**
     * The most configurations a space may have: the grid is enumerated in memory (about 300 bytes a point), and
     * each point is a training run, so even this many is far beyond any search that could finish.
     */
    public static final long MAX_POINTS = 100_000;

    /** The number of distinct configurations (the grid's size). */
    public long size() {
        return size(params);
    }

    /** The product of the lists' lengths, saturating at Long.MAX_VALUE instead of overflowing. */
    private static long size(Map<String, List<Object>> params) {
        long n = 1;
        for (List<Object> v : params.values()) {
            try {
                n = Math.multiplyExact(n, v.size());
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /** Reads a space file; any problem is one line naming the file and what was expected. */
    public static SearchSpace read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException("cannot read search space " + file + ": not UTF-8 text");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read search space " + file + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read search space " + file + ": "
                    + firstLine(e.getMessage()));
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
    }

    static SearchSpace parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("search space: expected a JSON object with \"model\", "
                    + "\"max_epochs\" and \"params\"");
        }
        JsonNode params = root.path("params");
        if (!params.isObject()) {
            throw new IllegalArgumentException("search space: \"params\" must be an object of value lists");
        }
        Map<String, List<Object>> values = new LinkedHashMap<>();
        params.fields().forEachRemaining(e -> {
            if (!e.getValue().isArray()) {
                throw new IllegalArgumentException("search space: parameter \"" + e.getKey()
                        + "\" must be a list of values");
            }
            List<Object> list = new ArrayList<>();
            for (JsonNode v : e.getValue()) {
                list.add(v.isIntegralNumber() ? (Object) v.asLong() : v.isNumber() ? (Object) v.asDouble()
                        : v.asText());
            }
            values.put(e.getKey(), list);
        });
        JsonNode epochs = root.path("max_epochs");
        if (!epochs.isMissingNode() && !epochs.canConvertToInt()) {
            throw new IllegalArgumentException("search space: \"max_epochs\" must be an integer");
        }
        return new SearchSpace(root.path("model").asText(null), root.path("dataset").asText(null),
                epochs.isMissingNode() ? 9 : epochs.asInt(), values);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
