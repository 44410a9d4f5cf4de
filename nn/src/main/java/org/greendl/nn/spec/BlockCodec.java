package org.greendl.nn.spec;

import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes one kind of block as a JSON object and builds it back. Each block type's codec is one part of its
 * block descriptor; {@link BlockSpecs#register} adds one at run time.
 */
public interface BlockCodec {
    /** The JSON {@code "type"} this codec reads and writes. */
    String type();

    boolean supports(Block block);

    /** Settings of the block (without "type"); children through {@link BlockSpecs#toTree}. */
    ObjectNode encode(Block block);

    /** A new, uninitialized block from its settings; children through {@link BlockSpecs#fromTree}. */
    Block decode(ObjectNode spec);
}
