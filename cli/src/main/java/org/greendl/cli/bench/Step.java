package org.greendl.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A {@link Variant} made of a name, a kind, what it needs, its training beyond the baseline's, and the code that
 * makes and describes it.
 */
record Step(String name, String kind, List<String> needs, int extraEpochs, Body body) implements Variant {
    interface Body {
        ObjectNode run(BenchContext context) throws Exception;
    }

    @Override
    public ObjectNode run(BenchContext context) throws Exception {
        return body.run(context);
    }
}
