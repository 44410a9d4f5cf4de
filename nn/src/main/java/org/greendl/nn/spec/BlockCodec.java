package org.greendl.nn.spec;

import ai.djl.nn.Block;
import com.google.gson.JsonObject;

/**
 * Writes one kind of block as a JSON object and builds it back. {@link BlockSpecs} knows DJL's core blocks
 * and every greendl-nn block; other modules add codecs for their own blocks through
 * {@code META-INF/services/org.greendl.nn.spec.BlockCodec} or {@link BlockSpecs#register}.
 */
public interface BlockCodec {
    /** The JSON {@code "type"} this codec reads and writes. */
    String type();

    boolean supports(Block block);

    /** Settings of the block (without "type"); children through {@link BlockSpecs#toTree}. */
    JsonObject encode(Block block);

    /** A new, uninitialized block from its settings; children through {@link BlockSpecs#fromTree}. */
    Block decode(JsonObject spec);
}
