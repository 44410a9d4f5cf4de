package org.greendl.deploy.onnx;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How to export: the graph's name and the key/value pairs stored in the model's {@code metadata_props} (the run
 * record goes there under {@link #RUN_RECORD_KEY}).
 */
public record ExportOptions(String graphName, Map<String, String> metadata) {
    /** Metadata key under which the run record (run.json) of the exported model is stored. */
    public static final String RUN_RECORD_KEY = "greendl.run_record";

    public ExportOptions {
        metadata = Map.copyOf(metadata);
    }

    public static ExportOptions named(String graphName) {
        return new ExportOptions(graphName, Map.of());
    }

    public ExportOptions withMetadata(String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(metadata);
        m.put(key, value);
        return new ExportOptions(graphName, m);
    }
}
