package org.greendl.data.spec;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a text dataset became token ids, for the run record: which columns, which tokenizer (trained on the
 * training split, or a saved one applied), its size and fingerprint, the sequence length and how it was chosen,
 * and what did not fit.
 *
 * @param source {@code training-split} (the tokenizer was built from it) or {@code saved} (a model's tokenizer)
 * @param vocabulary ids the tokenizer has, padding and unknown included
 * @param sequenceLength tokens per example, {@code L}
 * @param lengthSetting what chose it: {@code 128}, or {@code p95} of the training texts' token counts
 * @param truncated texts (both splits) longer than {@code L}, cut to their first {@code L} tokens
 * @param longest the most tokens a text had before truncation
 * @param emptySkipped rows whose text was empty, left out of both splits
 */
public record TextInfo(@JsonProperty("text_column") String textColumn,
        @JsonProperty("label_column") String labelColumn, @JsonProperty("tokenizer") String tokenizer,
        @JsonProperty("source") String source, @JsonProperty("vocabulary") int vocabulary,
        @JsonProperty("sequence_length") int sequenceLength, @JsonProperty("length_setting") String lengthSetting,
        @JsonProperty("tokenizer_fingerprint") String tokenizerFingerprint,
        @JsonProperty("truncated") int truncated, @JsonProperty("longest") int longest,
        @JsonProperty("empty_skipped") int emptySkipped) {
    /** One line for a command to print: "word tokens, 8000 ids, L 120 (p95); 312 texts truncated ...". */
    public String describe() {
        return tokenizer + " tokenizer (" + (source.equals("saved") ? "the model's" : "trained on the training split")
                + "), " + vocabulary + " ids, " + sequenceLength + " tokens per text (" + lengthSetting + "); "
                + truncated + " text" + (truncated == 1 ? "" : "s") + " truncated (longest " + longest + " tokens), "
                + emptySkipped + " empty text" + (emptySkipped == 1 ? "" : "s") + " skipped";
    }
}
