package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One technique the bench applies and measures. It returns the variant's run record (the schema of
 * {@code docs/run-record.md}) with an added {@code "inference"} object; the bench adds nothing it did not
 * measure.
 */
public interface Variant {
    /** A short, file-name-safe name: {@code baseline}, {@code prune-structured}, {@code int8}... */
    String name();

    /** The run record's kind: {@code train}, {@code prune}, {@code int8}... */
    String kind();

    /** Names of the variants whose results this one needs (they run first; if one failed, so does this). */
    default java.util.List<String> needs() {
        return java.util.List.of();
    }

    /**
     * Epochs of training this variant spends on top of the baseline's (fine-tuning, distillation, QAT); 0 for a
     * variant that only converts the baseline or trains its own model from scratch as long as the baseline.
     */
    default int extraEpochs() {
        return 0;
    }

    ObjectNode run(BenchContext context) throws Exception;
}
