package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a variant sees: the bench's settings, its own folder, and the records of the variants that ran
 * before it (for example the baseline, whose model the compression variants start from).
 */
public record BenchContext(BenchSettings settings, Path variantDir, Map<String, ObjectNode> finished) {
    /** The folder of an earlier variant (its model files live there). */
    public Path dirOf(String variant) {
        return variantDir.getParent().resolve(variant);
    }
}
