package org.greendl.nn.spec;

import static org.greendl.nn.spec.CoreCodecs.codec;

import com.google.gson.JsonObject;
import java.util.List;
import org.greendl.nn.AdaptiveAvgPool2d;

/** Codecs of greendl-nn's own blocks. */
final class NnCodecs {
    private NnCodecs() {}

    static List<BlockCodec> all() {
        return List.of(
                codec("adaptive-avg-pool", b -> b instanceof AdaptiveAvgPool2d, b -> {
                    AdaptiveAvgPool2d p = (AdaptiveAvgPool2d) b;
                    JsonObject o = new JsonObject();
                    o.add("output", Json.longs(p.outHeight(), p.outWidth()));
                    return o;
                }, n -> {
                    long[] out = Json.longs(n, "output");
                    return new AdaptiveAvgPool2d(out[0], out[1]);
                }));
    }
}
